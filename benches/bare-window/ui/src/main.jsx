// One screen, roughly what a real first screen draws: a sider menu, a header, and a card with a few
// form fields and a small table. `data-testid="ready"` appears once React has mounted it.
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { Button, Card, ConfigProvider, Form, Input, Layout, Menu, Select, Space, Table, Tag } from "antd";
import { ApiOutlined, HistoryOutlined, KeyOutlined, SettingOutlined } from "@ant-design/icons";
import zhCN from "antd/es/locale/zh_CN";

const menu = [
  { key: "console", icon: <ApiOutlined />, label: "测试控制台" },
  { key: "profiles", icon: <KeyOutlined />, label: "应用配置" },
  { key: "history", icon: <HistoryOutlined />, label: "调用历史" },
  { key: "settings", icon: <SettingOutlined />, label: "设置" },
];
const columns = [
  { title: "参数", dataIndex: "name" },
  { title: "值", dataIndex: "value" },
  { title: "状态", dataIndex: "state", render: (state) => <Tag color="green">{state}</Tag> },
];
const rows = ["method", "app_key", "timestamp", "format", "v"].map((name, i) => ({
  key: name,
  name,
  value: ["taobao.time.get", "23000001", "2026-12-01 10:00:00", "json", "2.0"][i],
  state: "已签名",
}));

function Screen() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider width={200}>
        <Menu theme="dark" mode="inline" defaultSelectedKeys={["console"]} items={menu} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: "#fff", paddingInline: 24 }}>
          <Space>
            <b>Bare Window</b>
            <Tag color="blue">演示模式</Tag>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Card title="发送一次调用">
            <Form layout="inline" initialValues={{ method: "taobao.time.get", format: "json" }}>
              <Form.Item label="API" name="method">
                <Input style={{ width: 240 }} />
              </Form.Item>
              <Form.Item label="格式" name="format">
                <Select style={{ width: 120 }} options={[{ value: "json" }, { value: "xml" }]} />
              </Form.Item>
              <Form.Item label="Session" name="session">
                <Input.Password style={{ width: 200 }} />
              </Form.Item>
              <Button type="primary">发送</Button>
            </Form>
            <Table style={{ marginTop: 16 }} size="small" pagination={false} columns={columns} dataSource={rows} />
          </Card>
          {ready && <span data-testid="ready" />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider locale={zhCN}>
        <Screen />
      </ConfigProvider>
    </StrictMode>,
  );
}
