/**
 * An HdrHistogram load generator for HTTP servers with a health and a registration endpoint.
 *
 * <p>Load models: sequential (one request at a time), burst (N requests sent at once), closed (C
 * users sending back to back) and open (a fixed arrival rate). Every latency is measured from the
 * request's intended send time, so a stalled server cannot hide behind a stalled client
 * (coordinated omission). A warm-up phase runs before the measured phases and is marked as such.
 */
package lab.bcrypt.loadgen;
