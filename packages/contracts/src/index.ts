export * from './common.js';
export * from './org.js';
export * from './auth.js';
export * from './audit.js';
export * from './health.js';
export * from './elders-codes.js';
export * from './devices.js';
export * from './alarms.js';
