export { OpsEntityPicker } from './OpsEntityPicker';
