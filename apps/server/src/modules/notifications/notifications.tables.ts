import type { Generated } from 'kysely';

export interface NotificationOutboxTable {
  id: Generated<string>;
  channel: 'sms' | 'webhook' | 'log';
  recipient: string;
  recipient_enc: string | null;
  subject: string;
  body: string;
  alarm_id: string | null;
  state: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    notification_outbox: NotificationOutboxTable;
  }
}
