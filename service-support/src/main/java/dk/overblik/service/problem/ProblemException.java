package dk.overblik.service.problem;

/** A failure with its own status and problem type, e.g. 403 "not your source system" or 503 "audit unavailable". */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;

    public ProblemException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public ProblemException(int status, String slug, String title, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
