/** A business error the emulator answers with HTTP 200 and a non-zero `code` (spec §1.3). */
export class ApiFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Documented messages (spec §1.6.1). */
export const MSG = {
  badUser: 'userId does not exist, or it does not match to orgId.',
  noPrivilege: 'User has no privilege.',
  locked: 'Your account has been locked',
  incorrect: 'Incorrect parameter',
  invalidBody: 'Invalid request body.',
  invalidFlowName: 'Invalid parameter: flowName',
  dirMissing: 'Directory does not exist',
  validationFailed: 'Workflow validation failed',
  dirNameEmpty: 'param: dirName cannot be empty',
  parentIdEmpty: 'param: parentId cannot be empty',
  parentMissing: 'parentId not found',
  dirDuplicate: 'A directory of the same name already exists',
  instanceMissing: 'Instance not found',
  badSorter: 'The sorters field parameter is invalid',
  cannotTrigger:
    'Cannot create workflow instance. Please check if the workflow or task exist, and do not trigger the same workflow repeatedly in 1 minute.',
  reliedOn: 'This workflow is relied on by other workflows and cannot be deleted.',
  noTask: 'This workflow has no task. You cannot trigger it.',
  internal: 'Internal server exception',
  noLog: 'No log found',
} as const;

/** 62102 with the given message. */
export function badParam(message: string = MSG.incorrect): ApiFailure {
  return new ApiFailure(62102, message);
}
