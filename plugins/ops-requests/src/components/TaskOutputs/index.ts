export { RequestTaskOutputs } from './RequestTaskOutputs';
