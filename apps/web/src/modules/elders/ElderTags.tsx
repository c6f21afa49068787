import type { ElderStatus } from '@yiyang/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const LEVEL_COLORS = ['green', 'cyan', 'gold', 'orange', 'red'] as const;

export function CareLevelTag({ level }: { level: number | null }) {
  const { t } = useTranslation();
  if (level === null) return <Tag>{t('elders.notAssessed')}</Tag>;
  const names = t('elders.levels', { returnObjects: true }) as string[];
  return <Tag color={LEVEL_COLORS[level]}>{`${level} ${names[level] ?? ''}`}</Tag>;
}

export function StatusTag({ status }: { status: ElderStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'active' ? 'green' : status === 'moved_out' ? 'default' : 'volcano'}>{t(`elders.statuses.${status}`)}</Tag>;
}
