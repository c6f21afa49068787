import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Role } from '@yiyang/contracts';
import type { Actor } from './auth/actor.js';
import type { Permission } from './auth/permissions.js';
import type { DomainEvent, EventBus } from './events.js';

/**
 * Pushes domain events to signed-in consoles over WebSocket (`/api/v1/stream`). Each instance
 * receives every event through the bus (LISTEN/NOTIFY) and forwards it to its own sockets whose
 * actor may see it: the event's org unit lies in the actor's subtree, or the actor is addressed.
 */
export class WsHub {
  private readonly clients = new Set<{ socket: WebSocket; actor: Actor }>();

  constructor(bus: EventBus) {
    bus.subscribe('*', (event) => this.deliver(event));
  }

  get size() {
    return this.clients.size;
  }

  install(app: FastifyInstance) {
    app.get('/api/v1/stream', { websocket: true, schema: { hide: true } }, (socket, req) => {
      const actor = req.actor;
      if (!actor) {
        socket.close(4401, 'authentication required');
        return;
      }
      const client = { socket, actor };
      this.clients.add(client);
      socket.send(JSON.stringify({ topic: 'hello', data: { userId: actor.userId } }));
      socket.on('close', () => this.clients.delete(client));
      socket.on('error', () => this.clients.delete(client));
      // Clients may ping to keep proxies from closing idle sockets.
      socket.on('message', (m: Buffer) => {
        if (m.toString() === 'ping') socket.send('{"topic":"pong","data":{}}');
      });
    });
  }

  deliver(event: DomainEvent) {
    const message = JSON.stringify({ topic: event.topic, data: event.data });
    for (const { socket, actor } of this.clients) {
      if (socket.readyState !== 1) continue;
      if (visibleTo(event, actor)) socket.send(message);
    }
  }

  closeAll() {
    for (const { socket } of this.clients) socket.close(1001, 'server shutting down');
    this.clients.clear();
  }
}

/**
 * Roles whose data scope is narrower than their org unit (a caregiver sees its own visits, a
 * family account its own elders, provider staff their provider's orders) receive only events
 * addressed to them; a family account also those about its own elders. Everyone else receives
 * events inside their subtree for topics they hold the read permission of.
 */
const ADDRESSED_ONLY: ReadonlySet<Role> = new Set(['caregiver', 'responder', 'provider', 'family']);
const TOPIC_PERMISSION: Readonly<Record<string, Permission>> = {
  alarms: 'alarms.read',
  devices: 'devices.read',
  orders: 'orders.read',
  elders: 'elders.read',
};

export function visibleTo(event: DomainEvent, actor: Actor): boolean {
  if (event.userIds?.includes(actor.userId)) return true;
  if (actor.role === 'family') {
    const elderId = event.data.elderId;
    return typeof elderId === 'string' && actor.elderIds.includes(elderId);
  }
  if (ADDRESSED_ONLY.has(actor.role)) return false;
  const needed = TOPIC_PERMISSION[event.topic.split('.')[0] ?? ''];
  if (needed && !actor.permissions.has(needed)) return false;
  if (!event.orgPath) return false;
  return event.orgPath === actor.orgPath || event.orgPath.startsWith(`${actor.orgPath}.`);
}
