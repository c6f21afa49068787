import type { OrderDetail } from '@yiyang/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DISTRICT_TZ, dayjs } from '../../app/time.js';
import './i18n.js';

const STATE_COLORS: Record<string, string> = {
  requested: 'orange', dispatched: 'gold', accepted: 'blue', en_route: 'geekblue', in_service: 'purple', completed: 'cyan',
  confirmed: 'green', reviewed: 'green', cancelled: 'default', no_show: 'red', disputed: 'red',
};

/** An order's state in words and colour, the same on every page. */
export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]}>{t(`orders.state.${state}`)}</Tag>;
}

/** The service window in Beijing time: 11-24 09:00–11:00. */
export function windowText(o: Pick<OrderDetail, 'window'>) {
  const s = dayjs(o.window.start).tz(DISTRICT_TZ);
  return `${s.format('MM-DD HH:mm')}–${dayjs(o.window.end).tz(DISTRICT_TZ).format('HH:mm')}`;
}

