export { RemoteEditor } from './RemoteEditor';
