/** Bad worker options; lists every problem at once. */
export class WorkerOptionsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid worker options:\n  - ${problems.join('\n  - ')}`);
    this.name = 'WorkerOptionsError';
  }
}

/**
 * Base of the errors the worker raises about one message. Carries the SQS message id (and scan
 * id when known) so a log line leads straight to the message. Messages never hold document text.
 */
export class MessageError extends Error {
  constructor(
    message: string,
    readonly messageId: string,
    readonly scanId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type PoisonKind = 'unparseable' | 'unknown-scan';

/** A message no retry can fix: its body is not a scan message, or its scan does not exist. */
export class PoisonMessageError extends MessageError {
  constructor(readonly kind: PoisonKind, messageId: string, scanId?: string) {
    super(kind === 'unparseable' ? 'message body is not a scan message' : 'message names a scan that does not exist', messageId, scanId);
  }
}

/** The scan's stored input cannot be scanned (document missing or incomplete). */
export class ScanInputError extends MessageError {}

/** A detector threw. The cause is kept for the log; only its class name reaches the scan's reason. */
export class DetectorError extends MessageError {
  constructor(messageId: string, scanId: string, cause: unknown) {
    super('detector crashed', messageId, scanId, { cause });
  }
}

/** An SQS call of the poll loop or of a message failed. */
export class QueueError extends Error {
  constructor(message: string, readonly messageId?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueueError';
  }
}
