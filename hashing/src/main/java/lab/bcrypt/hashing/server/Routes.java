package lab.bcrypt.hashing.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP API of both servers. Each path works with and without a trailing slash.
 *
 * <ul>
 *   <li>{@code GET /api/health/}: 200 {@code {"status":"ok"}}, with no hashing and no database
 *       call.
 *   <li>{@code POST /api/users/register/}: 201 {@code {"id","username","email"}}, 400, 409, 413 or
 *       503.
 *   <li>{@code POST /api/users/login/}: 200 {@code {"username"}}, 400, 401, 413 or 503.
 *   <li>{@code GET /metrics}: Prometheus text.
 * </ul>
 */
public final class Routes {

    public static final String HEALTH = "/api/health";
    public static final String REGISTER = "/api/users/register";
    public static final String LOGIN = "/api/users/login";
    public static final String METRICS = "/metrics";

    /**
     * Largest request body read. A registration is three short strings: at every field's limit,
     * with the password written as 72 six-character JSON escapes, it is under 1 KiB. 4 KiB rejects
     * nothing valid, leaves room for unknown fields a client adds, and bounds the memory a request
     * can claim (see {@link BodyReader}).
     */
    public static final long MAX_BODY_BYTES = 4096;

    /** Request attribute holding the route template, for the request timers. */
    static final String ROUTE_ATTRIBUTE = "lab.route";

    /** Request attribute holding {@link System#nanoTime()} when the first handler started. */
    static final String HANDLER_START_ATTRIBUTE = "lab.handlerStartNanos";

    /** Request attribute holding {@link System#nanoTime()} when the request's job was queued. */
    static final String JOB_QUEUED_AT_ATTRIBUTE = "lab.jobQueuedAtNanos";

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Accounts accounts;
    private final RequestBodies bodies;
    private final ErrorMapping errors;
    private final PrometheusMeterRegistry registry;
    private final ObjectMapper mapper;
    private final Duration bodyTimeout;

    /** Creates the routes; a request body must arrive within {@code bodyTimeout}. */
    public Routes(
            Accounts accounts,
            RequestBodies bodies,
            ErrorMapping errors,
            PrometheusMeterRegistry registry,
            Duration bodyTimeout) {
        this.accounts = accounts;
        this.bodies = bodies;
        this.errors = errors;
        this.registry = registry;
        this.mapper = bodies.mapper();
        this.bodyTimeout = bodyTimeout;
    }

    /** Adds the routes, the handler clock and the error mapping to {@code config}. */
    public void install(JavalinConfig config) {
        config.router.ignoreTrailingSlashes = true;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.http.prefer405over404 = true;

        // The first thing Javalin runs for a request: the end of its wait for a thread.
        config.routes.before(
                ctx -> {
                    ctx.attribute(HANDLER_START_ATTRIBUTE, System.nanoTime());
                    ctx.attribute(JOB_QUEUED_AT_ATTRIBUTE, RequestThreads.takeJobQueuedAtNanos());
                });

        config.routes.get(HEALTH, route(HEALTH, this::health));
        config.routes.post(REGISTER, route(REGISTER, this::register));
        config.routes.post(LOGIN, route(LOGIN, this::login));
        config.routes.get(METRICS, route(METRICS, this::metrics));

        config.routes.exception(Exception.class, (e, ctx) -> send(ctx, errors.toReply(e)));
        // Registered on its own, because Javalin sends its own exceptions as plain text otherwise.
        config.routes.exception(
                HttpResponseException.class, (e, ctx) -> send(ctx, errors.toReply(e)));
        config.routes.error(
                404,
                ctx ->
                        send(
                                ctx,
                                ApiError.NOT_FOUND.reply(
                                        "No such endpoint. The API is GET /api/health/, POST"
                                                + " /api/users/register/, POST /api/users/login/"
                                                + " and GET /metrics.")));
        config.routes.error(
                405,
                ctx ->
                        send(
                                ctx,
                                ApiError.METHOD_NOT_ALLOWED.reply(
                                        "Method "
                                                + ctx.method()
                                                + " not allowed here. Use GET for health and"
                                                + " metrics, POST for register and login.")));
    }

    private static Handler route(String template, Handler handler) {
        return ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, template);
            handler.handle(ctx);
        };
    }

    private void health(Context ctx) {
        send(ctx, Reply.json(200, Map.of("status", "ok")));
    }

    private void register(Context ctx) {
        answer(ctx, accounts.register(bodies.registration(BodyReader.read(ctx, bodyTimeout))));
    }

    private void login(Context ctx) {
        answer(ctx, accounts.login(bodies.login(BodyReader.read(ctx, bodyTimeout))));
    }

    private void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT);
        ctx.result(registry.scrape());
    }

    /**
     * Sends the reply {@code outcome} brings. A future that is already complete, as work run inline
     * leaves it, is sent here on the request thread; any other is sent through {@code
     * ctx.future(...)} on the thread that completes it, which frees this one at once.
     */
    private void answer(Context ctx, CompletableFuture<Reply> outcome) {
        CompletableFuture<Reply> reply = outcome.exceptionally(errors::toReply);
        if (reply.isDone()) {
            send(ctx, reply.join());
        } else {
            ctx.future(() -> reply.thenAccept(done -> send(ctx, done)));
        }
    }

    private void send(Context ctx, Reply reply) {
        reply.writeTo(ctx, mapper);
    }
}
