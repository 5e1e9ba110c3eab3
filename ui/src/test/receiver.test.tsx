import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./render";
import { appInfo, catalogue, failureOutcome, GATEWAY, RECEIVER, receipt, receiptSummary, receiverRunning, receiverStopped, startBackend, starterTemplate, successOutcome } from "./fixtures";
import { reject, type Handler } from "./backend";
import { eventBus } from "./eventBus";
import type { AnswerTemplate } from "../api/bindings/AnswerTemplate";
import type { ApiDoc } from "../api/bindings/ApiDoc";
import type { CallInput } from "../api/bindings/CallInput";
import type { ReceiptSummary } from "../api/bindings/ReceiptSummary";
import type { ReceiverRoute } from "../api/bindings/ReceiverRoute";
import type { ReceiverStatus } from "../api/bindings/ReceiverStatus";
import { RECEIPT_EVENT } from "../pages/receiver/events";

const ENTRY_BODY = "<request><entryOrder><entryOrderCode>RK202405200001</entryOrderCode></entryOrder></request>";

/** The Qimen API the try button sends, with its example body. */
const entryOrder: ApiDoc = {
  ...catalogue[0]!,
  name: "taobao.qimen.entryorder.create",
  family: "qimen_standard",
  title: { zh: "入库单创建", en: "Create an inbound order" },
  body_example: ENTRY_BODY,
};

const refused = receiptSummary();
const accepted = receiptSummary({ id: 4, verdict: "accepted", causes: [], template: "success", failed: false, api: "taobao.qimen.deliveryorder.create" });

async function openReceiver(extra: Record<string, Handler> = {}, status: ReceiverStatus = receiverStopped) {
  const bus = eventBus<ReceiptSummary>(RECEIPT_EVENT, "receiver_list", (item) => `${item.api} ${item.path} ${item.verdict} ${item.causes.join(" ")}`);
  const calls = startBackend(
    {
      ...bus.handlers,
      receiver_status: () => status,
      ...extra,
    },
    appInfo(),
    { catalogue: [...catalogue, entryOrder] },
  );
  const rendered = await renderApp();
  await rendered.user.click(await screen.findByRole("menuitem", { name: /服务端接收/ }));
  await waitFor(() => expect(bus.listening()).toBe(true));
  return { ...rendered, calls, bus };
}

describe("服务端接收", () => {
  it("starts on port 19090 with the current profile, shows the 服务地址, and stops", async () => {
    const { user, calls } = await openReceiver({ receiver_start: () => receiverRunning, receiver_stop: () => receiverStopped });
    await user.click(await screen.findByTestId("receiver-start"));
    expect(await screen.findByTestId("receiver-url")).toHaveTextContent(RECEIVER);
    expect(screen.getByTestId("receiver-running")).toHaveTextContent("签名用配置“演示配置”的 AppSecret 核对。");
    expect(calls.find((call) => call.command === "receiver_start")?.args.input).toEqual({ port: 19090, profile_id: 1 });
    await user.click(screen.getByTestId("receiver-stop"));
    expect(await screen.findByTestId("receiver-start")).toBeInTheDocument();
    expect(screen.queryByTestId("receiver-url")).not.toBeInTheDocument();
  });

  it("puts a batch of requests arriving as an event on top of the list, with verdict, causes and template", async () => {
    const { user, bus, calls } = await openReceiver();
    bus.emit([refused, accepted]);
    expect(await screen.findByTestId("receiver-row-4")).toHaveTextContent("taobao.qimen.deliveryorder.create");
    const list = screen.getByTestId("receiver-list");
    expect(within(list).getByText("签名错误")).toBeInTheDocument();
    expect(within(list).getByText("签名正确")).toBeInTheDocument();
    expect(within(list).getByText("wrong-secret")).toBeInTheDocument();
    expect(within(list).getByText("成功")).toBeInTheDocument();
    // Newest first.
    const rows = within(list).getAllByText(/^taobao\./).map((cell) => cell.textContent);
    expect(rows).toEqual(["taobao.qimen.deliveryorder.create", "taobao.qimen.entryorder.create"]);
    expect(screen.getByText("收到的请求（2）")).toBeInTheDocument();

    await user.click(screen.getByTestId("receiver-failures"));
    await waitFor(() => expect(screen.queryByTestId("receiver-row-4")).not.toBeInTheDocument());
    expect(calls.some((call) => call.command === "receiver_list" && (call.args.query as { only_failures: boolean }).only_failures)).toBe(true);
  });

  it("opens a refused request with why, its diagnosis, the masked query, the body and the answer sent", async () => {
    const { user, bus, calls } = await openReceiver({ receiver_get: () => receipt(refused) });
    bus.emit([refused]);
    await user.click(await screen.findByTestId("receiver-row-3"));
    expect(await screen.findByTestId("receiver-why")).toHaveTextContent("签名不对：收到 4F1C2A0B9E8D7C6B5A4F3E2D1C0B9A88");
    expect(screen.getByTestId("cause-wrong-secret")).toHaveTextContent("换成这个 AppKey 对应的 AppSecret。");
    expect(screen.getByTestId("receiver-query")).toHaveTextContent("WH-DEMO-01");
    expect(screen.getByTestId("receiver-detail")).toHaveTextContent("sign-check-failure");
    expect(calls.find((call) => call.command === "receiver_get")?.args.id).toBe(3);
  });

  it("switches a template to a business failure, shows the core's refusal next to the code and keeps what was typed", async () => {
    let saved: AnswerTemplate[] = [];
    const { user } = await openReceiver({
      receiver_templates_set: (args) => {
        const templates = args.templates as AnswerTemplate[];
        if (templates.some((template) => template.kind === "business-failure" && template.code.trim() === "")) {
          return reject("validation.receiver.code", "应答模板“*”：业务失败需要填写调用方会读到的错误码，例如 B001。");
        }
        saved = templates;
        return { ...receiverStopped, templates };
      },
    });
    await user.click(await screen.findByTestId("receiver-template-edit-*"));
    const editor = await screen.findByTestId("receiver-template-editor");
    await user.click(within(editor).getByText("业务失败"));
    const code = within(editor).getByTestId("receiver-template-code");
    await user.clear(code);
    await user.type(within(editor).getByTestId("receiver-template-message"), "（仓库满）");
    await user.click(screen.getByTestId("receiver-template-save"));
    expect(await within(editor).findByText(/业务失败需要填写调用方会读到的错误码/)).toBeInTheDocument();
    expect(within(editor).getByTestId("receiver-template-message")).toHaveValue("单据已存在 / the order already exists（仓库满）");

    await user.type(code, "B002");
    await user.click(screen.getByTestId("receiver-template-save"));
    await waitFor(() => expect(screen.queryByTestId("receiver-template-editor")).not.toBeInTheDocument());
    expect(saved).toEqual([{ ...starterTemplate(), kind: "business-failure", code: "B002", message: "单据已存在 / the order already exists（仓库满）" }]);
    expect(within(screen.getByTestId("receiver-templates")).getByText("业务失败")).toBeInTheDocument();
  });

  it("adds a template for an API from the catalogue, starting from its documented answer", async () => {
    const { user, calls } = await openReceiver({
      receiver_template_starter: (args) => starterTemplate(String(args.api)),
      receiver_templates_set: (args) => ({ ...receiverStopped, templates: args.templates as AnswerTemplate[] }),
    });
    await user.type(await screen.findByRole("combobox", { name: "要添加模板的 API" }), "entryorder");
    // The catalogue's API as a suggestion.
    await user.click(await screen.findByTitle("taobao.qimen.entryorder.create"));
    await user.click(screen.getByTestId("receiver-add"));
    await screen.findByTestId("receiver-template-editor");
    await user.click(screen.getByTestId("receiver-template-save"));
    expect(await screen.findByTestId("receiver-template-row-taobao.qimen.entryorder.create")).toBeInTheDocument();
    expect(calls.find((call) => call.command === "receiver_template_starter")?.args.api).toBe("taobao.qimen.entryorder.create");
  });

  it("registers the route on the local gateway, and the try button sends the example call through it", async () => {
    const routed = (route: ReceiverRoute): ReceiverStatus => ({ ...receiverRunning, route });
    const { user, calls } = await openReceiver(
      {
        receiver_route_set: (args) => {
          const route = args.route as ReceiverRoute;
          if (!route.customer_id && !route.target_app_key) {
            return reject("validation.receiver.customer_id", "请填写 customerId 或 target_app_key 中的至少一个。");
          }
          return routed(route);
        },
        call_send: () => ({ ...successOutcome, response: { ...successOutcome.response!, body: "<response><flag>success</flag></response>" } }),
      },
      receiverRunning,
    );
    expect(await screen.findByTestId("receiver-try")).toBeDisabled();
    await user.click(screen.getByTestId("receiver-route-set"));
    expect(await screen.findByText("请填写 customerId 或 target_app_key 中的至少一个。")).toBeInTheDocument();

    await user.type(screen.getByTestId("receiver-customer-id"), "WH-DEMO-01");
    await user.click(screen.getByTestId("receiver-route-set"));
    expect(await screen.findByTestId("receiver-route-state")).toHaveTextContent(`发到本机网关 ${GATEWAY} 的奇门调用，只要带 customerId = WH-DEMO-01，或 target_app_key = 23000001`);
    expect(calls.find((call) => call.command === "receiver_route_set" && (call.args.route as ReceiverRoute).customer_id)?.args.route).toEqual({
      customer_id: "WH-DEMO-01",
      target_app_key: null,
    });

    await user.click(screen.getByTestId("receiver-try"));
    expect(await screen.findByTestId("receiver-try-answer")).toHaveTextContent("成功");
    const sent = calls.find((call) => call.command === "call_send")?.args.input as CallInput;
    expect(sent).toMatchObject({ environment_id: "local", method: "taobao.qimen.entryorder.create", customer_id: "WH-DEMO-01", body: ENTRY_BODY });
  });

  it("shows a failed round trip as a failure, and opens the call in the console", async () => {
    const status: ReceiverStatus = { ...receiverRunning, route: { customer_id: "WH-DEMO-01", target_app_key: null } };
    const { user } = await openReceiver({ call_send: () => failureOutcome }, status);
    await user.click(await screen.findByTestId("receiver-try"));
    expect(await screen.findByTestId("receiver-try-answer")).toHaveTextContent("失败");
    await user.click(screen.getByTestId("receiver-open-console"));
    // The console shows the call with its customerId, beside the route's own field.
    expect(await screen.findAllByDisplayValue("WH-DEMO-01")).toHaveLength(2);
    expect(screen.getByRole("menuitem", { name: /调用测试/ })).toHaveClass("ant-menu-item-selected");
  });
});
