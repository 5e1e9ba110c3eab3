/** A small copy button: puts the text on the clipboard and says so (or why not). */
import { App, Button, Tooltip } from "antd";
import { CopyOutlined } from "@ant-design/icons";
import { copyText } from "./clipboard";
import { useShowError } from "./errors";

export function CopyButton({ text, label, done, testId }: { text: string; label: string; done: string; testId?: string }) {
  const { message } = App.useApp();
  const showError = useShowError();

  const copy = async () => {
    try {
      await copyText(text);
      void message.success(done);
    } catch (raw) {
      showError(raw);
    }
  };

  return (
    <Tooltip title={label}>
      <Button size="small" type="text" icon={<CopyOutlined />} onClick={() => void copy()} aria-label={label} data-testid={testId} />
    </Tooltip>
  );
}
