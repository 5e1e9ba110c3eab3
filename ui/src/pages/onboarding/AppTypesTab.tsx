/**
 * The app-type chooser: the whole catalogue of document 000 (kinds, categories, types, who may apply,
 * remarks), a search over it, and the two-question questionnaire whose recommendation the core explains.
 */
import { useEffect, useMemo, useState } from "react";
import { Alert, Button, Card, Collapse, Form, Input, List, Radio, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import * as api from "../../api/commands";
import type { AppTypeCatalog } from "../../api/bindings/AppTypeCatalog";
import type { AppType } from "../../api/bindings/AppType";
import type { Applicant } from "../../api/bindings/Applicant";
import type { QuestionnaireResult } from "../../api/bindings/QuestionnaireResult";
import type { Building } from "../../api/bindings/Building";
import { DocLinks, SourceLink, useText } from "./shared";
import { useShowError } from "../../components/errors";

/** The app type whose business is Taobaoke commissions: its applicants go on to the Taobaoke checker. */
const AFFILIATE_WEBSITE = "affiliate_website";

const APPLICANTS: Applicant[] = ["domestic_taobao_enterprise", "cross_border_tmall", "individual", "tmall_merchant"];
const AVAILABILITY_COLOR = { eligible: "green", not_stated: "default", not_eligible: "red" } as const;

/** The document's coloured markers drawn as dots, so they read the same on machines without an emoji font. */
const MARKER_COLOR: Record<string, string> = { "🔴": "#d4380d", "🔵": "#1d39c4", "⚫": "#262626" };

function MarkerTag({ marker, label }: { marker: string; label: string }) {
  const color = MARKER_COLOR[marker];
  return (
    <Tag>
      {color ? <span className="marker-dot" style={{ background: color }} aria-label={marker} /> : marker} {label}
    </Tag>
  );
}

function TaobaokeLink({ id, openTaobaoke }: { id: string; openTaobaoke?: () => void }) {
  const { t } = useTranslation();
  if (id !== AFFILIATE_WEBSITE || !openTaobaoke) return null;
  return (
    <Button size="small" type="link" onClick={openTaobaoke} data-testid="affiliate-to-taobaoke">
      {t("onboarding.appTypes.toTaobaoke")}
    </Button>
  );
}

function TypeEntry({ entry, catalog, openTaobaoke }: { entry: AppType; catalog: AppTypeCatalog; openTaobaoke?: () => void }) {
  const { t } = useTranslation();
  const loc = useText();
  return (
    <List.Item>
      <Space direction="vertical" size={2}>
        <Space wrap>
          <Typography.Text strong>{loc(entry.name)}</Typography.Text>
          {entry.markers.length === 0 ? (
            <Tag>{t("onboarding.appTypes.notStated")}</Tag>
          ) : (
            entry.markers.map((marker) => {
              const legend = catalog.legend.find((l) => l.marker === marker);
              return <MarkerTag key={marker} marker={marker} label={legend ? loc(legend.label) : ""} />;
            })
          )}
        </Space>
        {entry.description && <Typography.Text type="secondary">{loc(entry.description)}</Typography.Text>}
        {entry.notes.map((note) => (
          <Typography.Text key={note.kind + note.text.zh} type="warning">
            {loc(note.text)}
          </Typography.Text>
        ))}
        <Space wrap size={0}>
          <SourceLink document="000" source={{ section: null, quote: [entry.name.zh, entry.description?.zh].filter(Boolean).join("\n") }} />
          <TaobaokeLink id={entry.id} openTaobaoke={openTaobaoke} />
        </Space>
      </Space>
    </List.Item>
  );
}

function matches(entry: AppType, words: string[]): boolean {
  const haystack = [entry.name.zh, entry.name.en, entry.description?.zh ?? "", entry.description?.en ?? "", ...entry.notes.map((n) => n.text.zh + n.text.en)]
    .join(" ")
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function AppTypesTab({ openTaobaoke }: { openTaobaoke?: () => void } = {}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const loc = useText();
  const [catalog, setCatalog] = useState<AppTypeCatalog | null>(null);
  const [search, setSearch] = useState("");
  const [applicant, setApplicant] = useState<Applicant>("domestic_taobao_enterprise");
  const [buildingBy, setBuildingBy] = useState<Building["by"]>("keywords");
  const [keywords, setKeywords] = useState("");
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<QuestionnaireResult | null>(null);

  useEffect(() => {
    api
      .catalogAppTypes()
      .then(setCatalog)
      .catch(showError);
  }, [showError]);

  const words = useMemo(() => search.toLowerCase().split(/\s+/).filter(Boolean), [search]);
  const categories = useMemo(
    () => catalog?.kinds.flatMap((kind) => kind.categories.map((c) => ({ value: c.id, label: `${loc(kind.name)} / ${loc(c.name)}` }))) ?? [],
    [catalog, loc],
  );
  if (!catalog) return null;

  const recommend = async () => {
    const building: Building =
      buildingBy === "keywords" ? { by: "keywords", value: keywords } : buildingBy === "category" ? { by: "category", value: category ?? "" } : { by: "anything" };
    try {
      setResult(await api.onboardingRecommend({ applicant, building }));
    } catch (raw) {
      showError(raw);
    }
  };

  const recommended = result?.candidates.find((c) => c.id === result.recommended);
  const recommendedOpen = recommended?.availability === "eligible";
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card size="small" title={t("onboarding.appTypes.questionnaire")}>
        <Form layout="vertical">
          <Form.Item label={t("onboarding.appTypes.applicant")}>
            <Radio.Group value={applicant} onChange={(e) => setApplicant(e.target.value as Applicant)}>
              {APPLICANTS.map((a) => (
                <Radio key={a} value={a}>
                  {t(`onboarding.applicant.${a}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t("onboarding.appTypes.building")}>
            <Space wrap>
              <Radio.Group value={buildingBy} onChange={(e) => setBuildingBy(e.target.value as Building["by"])}>
                <Radio value="keywords">{t("onboarding.appTypes.byKeywords")}</Radio>
                <Radio value="category">{t("onboarding.appTypes.byCategory")}</Radio>
                <Radio value="anything">{t("onboarding.appTypes.byAnything")}</Radio>
              </Radio.Group>
              {buildingBy === "keywords" && (
                <Input
                  aria-label={t("onboarding.appTypes.keywords")}
                  placeholder={t("onboarding.appTypes.keywordsHint")}
                  value={keywords}
                  onChange={(e) => setKeywords(e.target.value)}
                  style={{ width: 260 }}
                />
              )}
              {buildingBy === "category" && (
                <Select aria-label={t("onboarding.appTypes.category")} style={{ width: 320 }} value={category} onChange={setCategory} options={categories} />
              )}
            </Space>
          </Form.Item>
          <Button type="primary" onClick={() => void recommend()}>
            {t("onboarding.appTypes.recommend")}
          </Button>
        </Form>
        {result && (
          <Space direction="vertical" style={{ width: "100%", marginTop: 12 }} data-testid="recommendation">
            <Alert
              type={recommendedOpen ? "success" : "warning"}
              showIcon
              message={
                recommended
                  ? t(recommendedOpen ? "onboarding.appTypes.recommended" : "onboarding.appTypes.bestFit", { name: loc(recommended.name) })
                  : loc(result.summary)
              }
              description={recommended ? loc(result.summary) : undefined}
            />
            <Alert type="info" showIcon data-testid="next-step" message={loc(result.next_step)} />
            <List
              size="small"
              dataSource={result.candidates.slice(0, 10)}
              renderItem={(c) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Space>
                      <Typography.Text strong>{loc(c.name)}</Typography.Text>
                      <Tag color={AVAILABILITY_COLOR[c.availability]}>{t(`onboarding.availability.${c.availability}`)}</Tag>
                      {c.named && <Tag color="blue">{t("onboarding.appTypes.named")}</Tag>}
                      <TaobaokeLink id={c.id} openTaobaoke={openTaobaoke} />
                    </Space>
                    {c.reasons.map((r) => (
                      <Typography.Text key={r.text.zh} type="secondary">
                        {loc(r.text)}
                      </Typography.Text>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
            <Space wrap>
              <DocLinks links={result.links} />
            </Space>
          </Space>
        )}
      </Card>
      <Card size="small" title={loc(catalog.title)}>
        <Space wrap style={{ marginBottom: 8 }} data-testid="legend">
          {catalog.legend.map((l) => (
            <MarkerTag key={l.marker} marker={l.marker} label={loc(l.label)} />
          ))}
          <Tag>{t("onboarding.appTypes.notStated")}</Tag>
          <DocLinks links={catalog.links} />
        </Space>
        <Input.Search
          aria-label={t("onboarding.appTypes.search")}
          placeholder={t("onboarding.appTypes.search")}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ marginBottom: 8 }}
        />
        <Collapse
          items={catalog.kinds.map((kind) => ({
            key: kind.id,
            label: `${loc(kind.name)} — ${loc(kind.description)}`,
            children: kind.categories.map((cat) => (
              <div key={cat.id}>
                <Typography.Title level={5}>{loc(cat.name)}</Typography.Title>
                {cat.groups.map((group) => {
                  const entries = group.entries.filter((e) => matches(e, words));
                  if (words.length > 0 && entries.length === 0) return null;
                  return (
                    <div key={group.name.zh}>
                      <Typography.Text type="secondary">{loc(group.name)}</Typography.Text>
                      {group.empty_note && entries.length === 0 ? (
                        <div>{loc(group.empty_note)}</div>
                      ) : (
                        <List size="small" dataSource={entries} renderItem={(e) => <TypeEntry entry={e} catalog={catalog} openTaobaoke={openTaobaoke} />} />
                      )}
                    </div>
                  );
                })}
              </div>
            )),
          }))}
          activeKey={words.length > 0 ? catalog.kinds.map((k) => k.id) : undefined}
        />
      </Card>
    </Space>
  );
}
