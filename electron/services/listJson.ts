// The listed shape moved to shared/ so that hosts (the CLI) can print it without importing a service.
export { toListed, type ListedTarget } from '../../shared/listJson';
