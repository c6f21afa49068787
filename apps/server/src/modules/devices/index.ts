export { DevicesService, generateDeviceSecret } from './devices.service.js';
export { DeviceIngest, type AcceptedDeviceEvent, type DeviceEventSink } from './devices.ingest.js';
export type { DeviceForIngest } from './devices.repository.js';
export { findForIngest, silentDevices } from './devices.repository.js';
export { devicesRoutes } from './devices.routes.js';
export { MqttConnector, MQTT_TOPIC } from './devices.mqtt.js';
export { signDeviceBody } from './devices.signature.js';
export { seedDemoDevices } from './devices.seed.js';
