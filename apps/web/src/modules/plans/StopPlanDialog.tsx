import type { CarePlan } from '@yiyang/contracts';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.js';
import { useStopCarePlan } from './plans.api.js';
import './plans.i18n.js';

/** Stopping a plan needs a reason: it is kept on the plan and on each visit it cancels. */
export function StopPlanDialog({ plan, describe, onClose }: { plan: CarePlan; describe: (p: CarePlan) => string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const stop = useStopCarePlan();
  return (
    <Modal open title={t('plans.stopTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph strong>{describe(plan)}</Typography.Paragraph>
      <Alert type="warning" showIcon title={t('plans.stopHint')} style={{ marginBottom: 12 }} />
      {stop.isError && <Alert type="error" showIcon title={errorText(stop.error)} style={{ marginBottom: 12 }} />}
      <Form<{ reason: string }>
        layout="vertical"
        onFinish={(v) =>
          stop.mutate({ id: plan.id, reason: v.reason.trim() }, {
            onSuccess: () => {
              void message.success(t('plans.state.stopped'));
              onClose();
            },
          })
        }
      >
        <Form.Item name="reason" label={t('plans.stopReason')} rules={[{ required: true, whitespace: true }, { max: 500 }]}>
          <Input.TextArea rows={2} placeholder={t('plans.stopReasonPlaceholder')} data-testid="care-plan-stop-reason" />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={stop.isPending} data-testid="care-plan-stop-submit">{t('plans.stop')}</Button>
      </Form>
    </Modal>
  );
}
