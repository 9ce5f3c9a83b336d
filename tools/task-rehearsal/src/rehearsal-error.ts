/** A task that would not start, stay healthy or stop as ECS expects: one line naming the stack and the step. */
export class RehearsalError extends Error {
  constructor(
    readonly stackName: string,
    readonly step: string,
    message: string,
    /** The last lines the container printed, when it ran. */
    readonly output = '',
  ) {
    super(`${stackName}: ${step}: ${message}`);
  }
}
