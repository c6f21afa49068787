import os from 'node:os';
import mqtt, { type MqttClient } from 'mqtt';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { DeviceIngest } from './devices.ingest.js';

/** Each device publishes to its own topic; servers share one subscription group. */
export const MQTT_TOPIC = 'yiyang/devices/+/events';

/**
 * The MQTT side of ingestion. MQTT has no headers, so a message is an envelope carrying them:
 * `{"timestamp": "<unix seconds>", "signature": "<hex>", "body": "<the event JSON, as signed>"}`.
 *
 * Delivery guarantee: the subscription is QoS 1 on a persistent session (clean: false) and the
 * PUBACK is sent from `customHandleAcks` only after the event is committed. If the write fails
 * (database down) no ack is sent and the connection is dropped, so the broker redelivers. Refused
 * messages are acknowledged: they were kept in the dead-letter list and a redelivery would be
 * refused again. Servers subscribe through a shared subscription, so with several instances each
 * message is handled by one of them.
 *
 * mqtt.js handles a connection's messages one after another (the next is read once the previous
 * is acknowledged), so one connection's rate is one durable write at a time. The connector opens
 * several connections in the same group (`<clientId>-0…n`) to write concurrently.
 */
export class MqttConnector {
  private clients: MqttClient[] = [];
  private readonly clientId: string;
  private readonly subscription: string;
  private readonly connections: number;

  constructor(
    private readonly url: string,
    private readonly ingest: DeviceIngest,
    private readonly log: FastifyBaseLogger,
    opts: { clientId?: string | undefined; group?: string; connections?: number } = {},
  ) {
    this.connections = opts.connections ?? 4;
    this.clientId = opts.clientId ?? `yiyang-${os.hostname()}`.slice(0, 64);
    this.subscription = `$share/${opts.group ?? 'yiyang'}/${MQTT_TOPIC}`;
  }

  async start() {
    await Promise.all(Array.from({ length: this.connections }, (_, i) => this.connect(`${this.clientId}-${i}`)));
  }

  private async connect(clientId: string) {
    const client = mqtt.connect(this.url, {
      clientId,
      clean: false,
      protocolVersion: 5,
      // Receive maximum bounds the messages in flight to us: the broker holds the rest until we
      // acknowledge, instead of thousands of unfinished writes queueing in front of HTTP requests.
      properties: { sessionExpiryInterval: 7 * 24 * 3600, receiveMaximum: 32 },
      reconnectPeriod: 1000,
      customHandleAcks: (topic, message, _packet, done) => {
        this.handle(topic, message).then(
          () => done(0),
          (err: unknown) => {
            this.log.error({ err, topic }, 'device message not stored; leaving it unacknowledged for redelivery');
            done(err instanceof Error ? err : new Error(String(err)));
            // Dropping the connection makes the broker resend every unacknowledged message.
            client.stream?.destroy();
          },
        );
      },
    });
    this.clients.push(client);
    client.on('error', (err) => this.log.warn({ err }, 'mqtt'));
    client.on('connect', (ack) => {
      this.log.info({ url: this.url, sessionPresent: ack.sessionPresent }, 'mqtt connected');
      if (!ack.sessionPresent) client.subscribe(this.subscription, { qos: 1 }, (err) => err && this.log.error({ err }, 'mqtt subscribe failed'));
    });
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 3000);
      client.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  async stop() {
    await Promise.all(this.clients.map((c) => c.endAsync().catch(() => undefined)));
    this.clients = [];
  }

  /** Resolves once stored (or refused and dead-lettered); rejects when nothing could be stored. */
  private async handle(topic: string, message: Buffer) {
    const deviceId = topic.split('/')[2] ?? '';
    const text = message.toString('utf8');
    let envelope: { timestamp?: unknown; signature?: unknown; body?: unknown };
    try {
      envelope = JSON.parse(text) as typeof envelope;
    } catch {
      envelope = {};
    }
    const body = typeof envelope.body === 'string' ? envelope.body : text;
    try {
      await this.ingest.ingest(
        body,
        { timestamp: typeof envelope.timestamp === 'string' ? envelope.timestamp : undefined, signature: typeof envelope.signature === 'string' ? envelope.signature : undefined },
        'mqtt',
        deviceId,
      );
    } catch (err) {
      if (err instanceof AppError) return; // refused and dead-lettered: acknowledge
      throw err;
    }
  }
}
