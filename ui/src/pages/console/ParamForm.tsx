/**
 * The parameter form generated from an API's documentation: one field per documented parameter with its
 * type, required mark, description and an example to fill in, followed by free rows for anything else.
 */
import { Button, Form, Input, Select, Space, Tag, Tooltip, Typography, type FormInstance } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ApiDoc } from "../../api/bindings/ApiDoc";
import { pick } from "../../i18n/pick";
import type { UiLanguage } from "../../api/bindings/UiLanguage";
import { checkParam, type ParamDoc } from "./paramRules";

export interface ConsoleFormValues {
  params: Record<string, string | undefined>;
  extra: { key?: string; value?: string }[];
}

function ParamInput({ param, ...rest }: { param: ParamDoc; value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  if (param.kind === "boolean") {
    return (
      <Select
        allowClear
        aria-label={param.name}
        options={[
          { value: "true", label: "true" },
          { value: "false", label: "false" },
        ]}
        {...rest}
      />
    );
  }
  if (param.kind === "enum" && param.allowed.length > 0) {
    return <Select allowClear aria-label={param.name} options={param.allowed.map((v) => ({ value: v, label: v }))} {...rest} />;
  }
  if (param.kind === "json") {
    return (
      <Input.TextArea
        aria-label={param.name}
        autoSize={{ minRows: 2, maxRows: 8 }}
        className="mono"
        placeholder={param.example ?? t("console.jsonPlaceholder")}
        value={rest.value}
        onChange={(e) => rest.onChange?.(e.target.value)}
      />
    );
  }
  return (
    <Input
      aria-label={param.name}
      placeholder={param.example ?? (param.kind === "datetime" ? "2024-01-01 00:00:00" : undefined)}
      value={rest.value}
      onChange={(e) => rest.onChange?.(e.target.value)}
    />
  );
}

export function ParamForm({ doc, form, language }: { doc: ApiDoc | undefined; form: FormInstance<ConsoleFormValues>; language: UiLanguage }) {
  const { t } = useTranslation();
  const params = doc?.params ?? [];

  const fillExample = (param: ParamDoc) => {
    if (param.example != null) form.setFieldValue(["params", param.name], param.example);
  };
  const withExamples = params.filter((param) => param.example != null && param.example !== "");
  /** Every empty field gets its example; what is already there stays. */
  const fillAllExamples = () => {
    for (const param of withExamples) {
      const value = form.getFieldValue(["params", param.name]) as string | undefined;
      if (!value || value.trim() === "") fillExample(param);
    }
  };

  return (
    <>
      {withExamples.length > 1 && (
        <Button size="small" style={{ marginBottom: 12 }} onClick={fillAllExamples} data-testid="fill-all-examples">
          {t("console.fillAllExamples")}
        </Button>
      )}
      {params.length === 0 && doc && (
        <Typography.Paragraph type="secondary">{doc.body_example ? t("console.paramsInBody") : t("console.noParams")}</Typography.Paragraph>
      )}
      {params.map((param) => (
        <Form.Item
          key={param.name}
          name={["params", param.name]}
          required={param.required}
          label={
            <Space size={6}>
              <span className="mono" style={{ fontSize: 13 }}>
                {param.name}
              </span>
              <Tag bordered={false}>{t(`kind.${param.kind}`)}</Tag>
            </Space>
          }
          extra={
            <Space size={8} wrap>
              <span>{pick(param.description, language)}</span>
              {param.example != null && param.example !== "" && (
                <Tooltip title={param.example}>
                  <Button size="small" type="link" style={{ padding: 0 }} onClick={() => fillExample(param)}>
                    {t("console.fillExample")}
                  </Button>
                </Tooltip>
              )}
            </Space>
          }
          rules={[
            {
              validator: (_rule, value: string | undefined) => {
                const problem = checkParam(param, value);
                return problem ? Promise.reject(new Error(t(problem.key, problem.values))) : Promise.resolve();
              },
            },
          ]}
        >
          <ParamInput param={param} />
        </Form.Item>
      ))}
      <Form.List name="extra">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" style={{ display: "flex" }}>
                <Form.Item
                  name={[field.name, "key"]}
                  rules={[{ required: true, whitespace: true, message: t("console.validation.extraKey") }]}
                >
                  <Input placeholder={t("console.paramName")} aria-label={t("console.paramName")} className="mono" />
                </Form.Item>
                <Form.Item name={[field.name, "value"]}>
                  <Input placeholder={t("console.paramValue")} aria-label={t("console.paramValue")} style={{ width: 260 }} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} aria-label={t("common.delete")} onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: "", value: "" })}>
              {t("console.addParam")}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
