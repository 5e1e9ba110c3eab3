/**
 * Checking the sign of a reproduction: with the current profile's AppSecret, or with one typed for
 * this check only (sent once to Rust, never stored, cleared from the box after the check).
 */
import { useState } from "react";
import { Button, Input, Radio, Space, Typography } from "antd";
import { SafetyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { CapturedRequest } from "../../api/bindings/CapturedRequest";
import type { Diagnosis } from "../../api/bindings/Diagnosis";
import { useShowError } from "../../components/errors";
import { useWorkbench } from "../../state/workbench";
import { DiagnosisView } from "../../components/DiagnosisView";

export function DiagnosePanel({
  request,
  diagnosis,
  onDiagnosed,
}: {
  request: CapturedRequest;
  diagnosis: Diagnosis | null;
  onDiagnosed: (diagnosis: Diagnosis) => void;
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const { currentProfile } = useWorkbench();
  const [source, setSource] = useState<"profile" | "typed">("profile");
  const [typed, setTyped] = useState("");
  const [checking, setChecking] = useState(false);

  const check = async () => {
    setChecking(true);
    try {
      const secret = source === "typed" ? { kind: "typed" as const, secret: typed } : { kind: "profile" as const, profile_id: currentProfile?.id ?? null };
      onDiagnosed(await api.reproDiagnose({ request, secret }));
      // A typed secret is for this one check.
      setTyped("");
    } catch (raw) {
      showError(raw);
    } finally {
      setChecking(false);
    }
  };

  return (
    <Space direction="vertical" size={12} style={{ width: "100%" }}>
      <Radio.Group value={source} onChange={(e) => setSource(e.target.value as "profile" | "typed")}>
        <Space direction="vertical">
          <Radio value="profile" data-testid="secret-profile">
            {t("repro.secretProfile", { name: currentProfile?.name ?? "—" })}
          </Radio>
          <Radio value="typed" data-testid="secret-typed">
            {t("repro.secretTyped")}
          </Radio>
        </Space>
      </Radio.Group>
      {source === "typed" && (
        <Input.Password
          aria-label={t("repro.secretLabel")}
          placeholder={t("repro.secretPlaceholder")}
          value={typed}
          autoComplete="off"
          onChange={(e) => setTyped(e.target.value)}
          data-testid="typed-secret"
        />
      )}
      <Typography.Text type="secondary">{t("repro.secretNote")}</Typography.Text>
      <Button type="primary" icon={<SafetyOutlined />} loading={checking} onClick={() => void check()} data-testid="diagnose">
        {t("repro.diagnose")}
      </Button>
      {diagnosis && <DiagnosisView diagnosis={diagnosis} />}
    </Space>
  );
}
