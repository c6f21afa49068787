import type { OrderDetail } from '@yiyang/contracts';
import { Alert, App, Button, Card, Empty, Rate, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth.js';
import { useErrorText } from '../../app/errors.js';
import { DISTRICT_TZ, dayjs } from '../../app/time.js';
import { fen, useCatalog, useCreateOrder, useLiveOrders, useOrderAction } from './api.js';
import { StateTag, windowText } from './parts.js';
import './i18n.js';

const SLOTS = { morning: [9, 11], afternoon: [14, 16] } as const;
const big = { size: 'large' as const, block: true, style: { minHeight: 64, fontSize: 22, whiteSpace: 'normal' as const } };

/**
 * 预约服务 for the elder or the family (适老化): three choices, one button each, in large,
 * high-contrast type; then the orders, with confirm and rate right where they are needed.
 */
export default function FamilyServicesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const elderId = user.elderIds?.[0];
  const errorText = useErrorText();
  const catalog = useCatalog();
  const create = useCreateOrder();
  const { orders } = useLiveOrders({ elderId, pageSize: 20 });
  const [category, setCategory] = useState<string | null>(null);
  const [itemId, setItemId] = useState<string | null>(null);
  const [day, setDay] = useState<0 | 1 | 2>(1);
  const [slot, setSlot] = useState<keyof typeof SLOTS>('morning');
  const { message } = App.useApp();

  async function submit() {
    if (!elderId || !itemId) return;
    const base = dayjs().tz(DISTRICT_TZ).startOf('day').add(day, 'day');
    const [from, to] = SLOTS[slot];
    try {
      await create.mutateAsync({ elderId, itemIds: [itemId], window: { start: base.hour(from).toISOString(), end: base.hour(to).toISOString() } });
      message.success(t('orders.mobile.submitted'));
      setCategory(null);
      setItemId(null);
    } catch (err) {
      message.error(errorText(err));
    }
  }

  const items = catalog.data?.items.filter((i) => i.categoryCode === category) ?? [];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', fontSize: 22 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t('orders.mobile.orderTitle')}</Typography.Title>
      {catalog.isLoading && <Spin size="large" />}
      {!category && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('orders.mobile.pickCategory')}</Typography.Title>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
            {catalog.data?.categories.map((c) => (
              <Button key={c.code} {...big} onClick={() => setCategory(c.code)} data-testid={`category-${c.code}`}>{c.name}</Button>
            ))}
          </div>
        </>
      )}
      {category && !itemId && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('orders.mobile.pickItem')}</Typography.Title>
          {items.map((i) => (
            <Button key={i.id} {...big} onClick={() => setItemId(i.id)} data-testid={`item-${i.code}`}>
              {i.name} · {fen(i.priceFen)}/{i.unit}
            </Button>
          ))}
          <Button {...big} type="link" onClick={() => setCategory(null)}>‹ {t('orders.mobile.back')}</Button>
        </>
      )}
      {itemId && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('orders.mobile.pickTime')} · {catalog.data?.items.find((i) => i.id === itemId)?.name}
          </Typography.Title>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
            {(['today', 'tomorrow', 'dayAfter'] as const).map((d, n) => (
              <Button key={d} {...big} type={day === n ? 'primary' : 'default'} onClick={() => setDay(n as 0 | 1 | 2)} data-testid={`day-${d}`}>{t(`orders.mobile.${d}`)}</Button>
            ))}
          </div>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            {(Object.keys(SLOTS) as (keyof typeof SLOTS)[]).map((s) => (
              <Button key={s} {...big} type={slot === s ? 'primary' : 'default'} onClick={() => setSlot(s)} data-testid={`slot-${s}`}>{t(`orders.mobile.${s}`)}</Button>
            ))}
          </div>
          <Button type="primary" {...big} style={{ ...big.style, minHeight: 72 }} loading={create.isPending} onClick={() => void submit()} data-testid="order-submit">
            {t('orders.mobile.submit')}
          </Button>
          <Button {...big} type="link" onClick={() => setItemId(null)}>‹ {t('orders.mobile.back')}</Button>
        </>
      )}
      <Typography.Title level={2} style={{ margin: '16px 0 0' }}>{t('orders.mobile.myOrders')}</Typography.Title>
      {orders.error && <Alert type="error" message={errorText(orders.error)} />}
      {orders.data?.items.length === 0 && <Empty />}
      {orders.data?.items.map((o) => <FamilyOrderCard key={o.id} order={o} />)}
    </Space>
  );
}

function FamilyOrderCard({ order: o }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const act = useOrderAction();
  const [rating, setRating] = useState(5);
  const [tags, setTags] = useState<string[]>([]);
  const tagOptions = t('orders.mobile.tags', { returnObjects: true }) as string[];

  async function run(action: string, body?: unknown) {
    try {
      await act.mutateAsync({ id: o.id, action, body });
      if (action === 'review') message.success(t('orders.mobile.thanks'));
    } catch (err) {
      message.error(errorText(err));
    }
  }

  return (
    <Card data-testid={`family-order-${o.number}`} style={{ borderWidth: 2 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 22 }}>
        <strong>{o.items.map((i) => i.name).join('、')}</strong>
        <StateTag state={o.state} />
      </div>
      <div style={{ fontSize: 20, marginTop: 8 }}>{windowText(o)}</div>
      {o.staffName && <div style={{ fontSize: 20 }}>{t('orders.mobile.staff', { name: o.staffName })}</div>}
      {o.state === 'completed' && (
        <Button type="primary" {...big} style={{ ...big.style, marginTop: 12 }} loading={act.isPending} onClick={() => void run('confirm')} data-testid="family-confirm">
          {t('orders.mobile.confirm')}
        </Button>
      )}
      {o.state === 'confirmed' && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('orders.mobile.rateTitle')}</Typography.Title>
          <Rate value={rating} onChange={setRating} style={{ fontSize: 40 }} data-testid="family-rate" />
          <Space wrap>
            {tagOptions.map((tag) => (
              <Tag.CheckableTag key={tag} checked={tags.includes(tag)} onChange={(on) => setTags(on ? [...tags, tag] : tags.filter((x) => x !== tag))} style={{ fontSize: 20, padding: '6px 12px' }}>
                {tag}
              </Tag.CheckableTag>
            ))}
          </Space>
          <Button type="primary" {...big} loading={act.isPending} onClick={() => void run('review', { rating, tags })} data-testid="family-review">
            {t('orders.mobile.sendReview')}
          </Button>
        </Space>
      )}
      {o.review && <div style={{ fontSize: 24, color: '#b8860b' }}>{'★'.repeat(o.review.rating)}</div>}
    </Card>
  );
}
