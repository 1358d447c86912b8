package lab.bcrypt.loadgen;

/** The two endpoints the experiments drive, with the status a correct server returns. */
enum Endpoint {
    HEALTH("health", "GET", "/api/health/", 200),
    REGISTER("register", "POST", "/api/users/register/", 201);

    private final String label;
    private final String method;
    private final String path;
    private final int expectedStatus;

    Endpoint(String label, String method, String path, int expectedStatus) {
        this.label = label;
        this.method = method;
        this.path = path;
        this.expectedStatus = expectedStatus;
    }

    /** Returns the name used on the command line and in {@code summary.json}. */
    String label() {
        return label;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    int expectedStatus() {
        return expectedStatus;
    }
}
