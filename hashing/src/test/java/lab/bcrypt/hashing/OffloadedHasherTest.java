package lab.bcrypt.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffloadedHasherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final PasswordHasher hasher = new PasswordHasher(4);
    private final CountDownLatch release = new CountDownLatch(1);
    private OffloadedHasher offloaded;

    @AfterEach
    void closeHasher() {
        release.countDown();
        if (offloaded != null) {
            offloaded.close();
        }
    }

    @Test
    void hashCompletesWithVerifiableHash() throws Exception {
        offloaded = new OffloadedHasher(hasher, 1, 1);

        String hash = offloaded.hash("correct horse").get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(offloaded.verify("correct horse", hash).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isTrue();
    }

    @Test
    void submitRunsOnNamedBcryptThread() throws Exception {
        offloaded = new OffloadedHasher(hasher, 2, 4);

        String thread =
                offloaded
                        .submit(() -> Thread.currentThread().getName())
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(thread).matches("bcrypt-\\d+");
    }

    @Test
    void fullQueueCompletesWithOverloaded() throws Exception {
        offloaded = new OffloadedHasher(hasher, 1, 1);
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Boolean> blocker = offloaded.submit(() -> blockUntilReleased(running));
        assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> queued = offloaded.submit(() -> "queued");

        CompletableFuture<String> rejected = offloaded.submit(() -> "rejected");

        assertThat(rejected).isCompletedExceptionally();
        assertThatThrownBy(rejected::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(HashingOverloadedException.class);
        assertThat(offloaded.rejectedCount()).isEqualTo(1);
        release.countDown();
        assertThat(queued.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("queued");
        assertThat(blocker.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void passwordTooLongFailsFuture() {
        offloaded = new OffloadedHasher(hasher, 1, 1);

        CompletableFuture<String> hash = offloaded.hash("p".repeat(73));

        assertThatThrownBy(() -> hash.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(PasswordTooLongException.class);
    }

    @Test
    void submitAfterCloseThrows() {
        offloaded = new OffloadedHasher(hasher, 1, 1);
        offloaded.close();

        assertThatThrownBy(() -> offloaded.submit(() -> "late"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void constructorRejectsPoolAndQueueAboveBounds() {
        assertThatThrownBy(() -> new OffloadedHasher(hasher, OffloadedHasher.MAX_POOL_SIZE + 1, 1))
                .as("pool")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool size")
                .hasMessageContaining("1-1024");
        assertThatThrownBy(
                        () ->
                                new OffloadedHasher(
                                        hasher, 1, OffloadedHasher.MAX_QUEUE_CAPACITY + 1))
                .as("queue")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue capacity")
                .hasMessageContaining("1-16384");
    }

    @Test
    void constructorRejectsEmptyPool() {
        assertThatThrownBy(() -> new OffloadedHasher(hasher, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool size");
    }

    @Test
    void bindToRegistersExecutorAndRejectedCounter() {
        offloaded = new OffloadedHasher(hasher, 1, 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        offloaded.bindTo(registry);

        assertThat(registry.get("executor.active").tag("name", "bcrypt").gauge()).isNotNull();
        assertThat(registry.get("executor.queued").tag("name", "bcrypt").gauge()).isNotNull();
        assertThat(registry.get("bcrypt.rejected").functionCounter().count()).isZero();
    }

    @Test
    void defaultQueueCapacityScalesWithPool() {
        assertThat(OffloadedHasher.defaultQueueCapacity(2))
                .isEqualTo(2 * OffloadedHasher.DEFAULT_QUEUED_TASKS_PER_THREAD);
    }

    private boolean blockUntilReleased(CountDownLatch running) {
        running.countDown();
        try {
            return release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
