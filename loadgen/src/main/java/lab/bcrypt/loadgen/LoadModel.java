package lab.bcrypt.loadgen;

/** One-sentence statements of each load model, written into every summary and the help text. */
final class LoadModel {
    static final String SEQUENTIAL =
            "closed, one request at a time: each request is sent when the previous one completes,"
                    + " and latency runs from that send";
    static final String BURST =
            "burst: all requests are intended to leave at the burst's start, each on its own"
                    + " connection; latency runs from that start, so dispatch time counts as send lag";
    static final String CLOSED =
            "closed: C users each send the next request when the previous one completes; the"
                    + " server's speed sets the rate, so this model understates latency under overload";
    static final String OPEN =
            "open: requests are scheduled at a fixed rate whatever the server does; latency runs"
                    + " from each request's intended send time (coordinated omission avoided, no"
                    + " post-hoc correction); service time runs from the actual send";

    private LoadModel() {}

    static String describe(String kind) {
        switch (kind) {
            case "burst":
                return BURST;
            case "closed":
                return CLOSED;
            case "open":
                return OPEN;
            default:
                return SEQUENTIAL;
        }
    }
}
