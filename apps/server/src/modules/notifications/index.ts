export { Notifications, type OutgoingMessage } from './notifications.service.js';
export { LogSmsGateway, type SmsGateway } from './notifications.senders.js';
