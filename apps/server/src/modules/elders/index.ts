export { elderContacts, elderEssentials } from './elders.essentials.js';
