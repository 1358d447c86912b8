/**
 * The server code both lab servers share: routes, validation, user store, error mapping,
 * performance log, metrics, command line and lifecycle. A server module supplies only a {@link
 * lab.bcrypt.hashing.server.HashExecution}, which decides where bcrypt runs.
 */
package lab.bcrypt.hashing.server;
