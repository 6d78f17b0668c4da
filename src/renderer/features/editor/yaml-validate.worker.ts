import { validateWorkspaceFile } from '../../../shared/model/validate-file';
import type { LiveValidationRequest, LiveValidationResponse } from './live-validation';

self.onmessage = (event: MessageEvent<LiveValidationRequest>) => {
  const { id, path, text } = event.data;
  let response: LiveValidationResponse;
  try {
    response = { id, problems: validateWorkspaceFile(path, text).problems };
  } catch (error) {
    response = { id, problems: [], error: String(error) };
  }
  (self as unknown as Worker).postMessage(response);
};
