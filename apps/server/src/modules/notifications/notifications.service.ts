import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { decryptField, type FieldKeys } from '../../platform/crypto.js';
import type { Database } from '../../platform/db/schema.js';
import type { JobQueue } from '../../platform/jobs.js';
import { postWebhook, type SmsGateway } from './notifications.senders.js';

export interface OutgoingMessage {
  channel: 'sms' | 'webhook' | 'log';
  /** What staff see: a masked phone, a URL, a name. */
  recipient: string;
  /** For SMS: the encrypted phone, decrypted only by the sender. */
  recipientEnc?: string | null;
  subject: string;
  body: string;
  alarmId?: string | null;
}

const DELIVER = 'notifications.deliver';
const MAX_ATTEMPTS = 5;

/**
 * The outbox: a message is a row written in the transaction that decided to send it, delivered
 * by a job afterwards. A crash between the two loses nothing; a retry never re-decides.
 */
export class Notifications {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobs: JobQueue,
    private readonly keys: FieldKeys,
    private readonly sms: SmsGateway,
    private readonly log: FastifyBaseLogger,
    private readonly webhookUrl: string | undefined,
  ) {
    jobs.register(DELIVER, () => this.deliver());
    jobs.every('notifications.retry', 60_000, () => this.deliver());
  }

  async enqueue(trx: Transaction<Database>, messages: OutgoingMessage[]) {
    const all = this.webhookUrl
      ? [...messages, ...messages.filter((m) => m.channel === 'sms').map((m) => ({ ...m, channel: 'webhook' as const, recipient: this.webhookUrl!, recipientEnc: null }))]
      : messages;
    if (all.length === 0) return;
    await trx
      .insertInto('notification_outbox')
      .values(all.map((m) => ({ channel: m.channel, recipient: m.recipient, recipient_enc: m.recipientEnc ?? null, subject: m.subject, body: m.body, alarm_id: m.alarmId ?? null })))
      .execute();
    await this.jobs.enqueue(trx, DELIVER, {}, { singletonKey: DELIVER });
  }

  /** Sends what is pending; a failed message stays pending for the retry job, up to 5 attempts. */
  async deliver() {
    const pending = await this.db.selectFrom('notification_outbox').selectAll().where('state', '=', 'pending').orderBy('created_at').limit(100).execute();
    for (const m of pending) {
      try {
        switch (m.channel) {
          case 'sms':
            await this.sms.send(m.recipient_enc ? decryptField(this.keys, m.recipient_enc) : m.recipient, `${m.subject}：${m.body}`);
            break;
          case 'webhook':
            await postWebhook(m.recipient, { subject: m.subject, body: m.body, alarmId: m.alarm_id });
            break;
          case 'log':
            this.log.info({ to: m.recipient, subject: m.subject, body: m.body }, 'notification');
            break;
          default: {
            const never: never = m.channel;
            throw new Error(`unknown channel ${String(never)}`);
          }
        }
        await this.db.updateTable('notification_outbox').set({ state: 'sent', sent_at: new Date(), attempts: m.attempts + 1 }).where('id', '=', m.id).execute();
      } catch (err) {
        const attempts = m.attempts + 1;
        await this.db
          .updateTable('notification_outbox')
          .set({ attempts, last_error: String((err as Error).message ?? err).slice(0, 500), ...(attempts >= MAX_ATTEMPTS ? { state: 'failed' as const } : {}) })
          .where('id', '=', m.id)
          .execute();
      }
    }
  }
}
