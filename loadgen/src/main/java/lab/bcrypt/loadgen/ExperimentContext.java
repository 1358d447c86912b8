package lab.bcrypt.loadgen;

/** The experiment state a {@link Workload} uses while it runs. */
record ExperimentContext(
        ExperimentSpec spec,
        RunSettings settings,
        Timeline timeline,
        ExperimentRecorder recorder,
        Progress progress,
        Registrations registrations) {

    /** Returns the body of the next request: a fresh registration, or null for health. */
    String nextBody() {
        return spec.endpoint() == Endpoint.REGISTER ? nextRegistrationBody() : null;
    }

    String nextRegistrationBody() {
        return registrations.toJson(registrations.next());
    }

    /** Sends one request with a fresh body and records it when it completes. */
    void send(LoadClient client, long intendedNanos, InFlight inFlight) {
        send(client, spec.endpoint(), intendedNanos, nextBody(), inFlight, null);
    }

    /**
     * Sends one request and records it when it completes.
     *
     * @param intendedNanos when the model meant to send it; latency is measured from here
     * @param inFlight counts the request until it is recorded
     * @param afterRecord runs on the client thread after the record, or null
     */
    void send(
            LoadClient client,
            Endpoint endpoint,
            long intendedNanos,
            String body,
            InFlight inFlight,
            Runnable afterRecord) {
        inFlight.started();
        long sendNanos = System.nanoTime();
        client.send(
                endpoint,
                body,
                settings.requestTimeoutNanos(),
                (beginNanos, endNanos, status, failure) -> {
                    try {
                        recorder.record(
                                intendedNanos,
                                sendNanos,
                                beginNanos,
                                endNanos,
                                status,
                                endpoint.expectedStatus(),
                                failure);
                        if (afterRecord != null) {
                            afterRecord.run();
                        }
                    } finally {
                        inFlight.finished();
                    }
                });
    }
}
