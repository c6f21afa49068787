import type { OrgLevel } from '@yiyang/contracts';
import { Alert, Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useUser } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { ORG_LEVELS } from '../../app/levels.js';
import { useOrgFilter, useOrgUnitIndex, useOrgUnits } from '../../app/org.js';

const EChart = lazy(() => import('../../app/EChart.js'));

export default function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  const { can } = useAuth();
  const { orgUnitId } = useOrgFilter();
  const index = useOrgUnitIndex();
  const units = useOrgUnits(orgUnitId);
  const errorText = useErrorText();
  const own = index.get(user.orgUnitId);
  const area = orgUnitId ? index.get(orgUnitId) : own;

  const counts = useMemo(() => {
    const c = Object.fromEntries(ORG_LEVELS.map((l) => [l, 0])) as Record<OrgLevel, number>;
    for (const u of units.data?.items ?? []) c[u.level] += 1;
    return c;
  }, [units.data]);
  // Only levels at or below the area's own level mean anything to this user.
  const shownLevels = area ? ORG_LEVELS.slice(ORG_LEVELS.indexOf(area.level)) : ORG_LEVELS;

  const chart = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: shownLevels.map((l) => t(`levels.${l}`)), axisLabel: { fontSize: 14 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 14 } },
      series: [{ type: 'bar', data: shownLevels.map((l) => counts[l]), itemStyle: { color: '#0b57d0' }, barMaxWidth: 48 }],
    }),
    [counts, shownLevels, t],
  );

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: user.displayName })}
      </Typography.Title>
      <Typography.Paragraph style={{ fontSize: 18 }} data-testid="home-unit">
        {t('home.yourUnit', { role: t(`roles.${user.role}`), unit: own?.name ?? '…' })}
      </Typography.Paragraph>
      {!can('org.read') ? null : units.isError ? (
        <Alert type="error" showIcon title={errorText(units.error)} />
      ) : (
        <Card title={t('home.unitsIn', { area: area?.name ?? '…' })}>
          {units.isPending ? (
            <Skeleton active />
          ) : (
            <>
              <Row gutter={[16, 16]}>
                {shownLevels.map((level) => (
                  <Col key={level} xs={12} md={8} xl={4}>
                    <Statistic title={t(`levels.${level}`)} value={counts[level]} data-testid={`count-${level}`} />
                  </Col>
                ))}
              </Row>
              <Suspense fallback={<Skeleton active />}>
                <EChart option={chart} height={260} ariaLabel={shownLevels.map((l) => `${t(`levels.${l}`)} ${counts[l]}`).join(', ')} />
              </Suspense>
            </>
          )}
        </Card>
      )}
    </>
  );
}
