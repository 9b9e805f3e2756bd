/**
 * Thrown (or rejected) when the user dismisses a prompt: the command stops silently. In util/ so
 * auth/, webviews/ and commands/ can all throw it without importing upward (style.md: dependencies point down).
 */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
