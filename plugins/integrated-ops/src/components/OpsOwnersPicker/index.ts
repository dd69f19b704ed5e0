export { OpsOwnersPicker } from './OpsOwnersPicker';
