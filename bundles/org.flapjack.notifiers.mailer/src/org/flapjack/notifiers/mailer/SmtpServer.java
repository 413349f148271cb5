package org.flapjack.notifiers.mailer;

/**
 * Where and how the mailer reaches its SMTP server; {@link #toString()} never shows the password.
 *
 * @param timeoutSeconds how long connecting and each reply may take
 */
record SmtpServer(String host, int port, String username, String password, boolean starttls, boolean ssl,
        int timeoutSeconds) {

    String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "SmtpServer[" + address() + (username == null ? "" : ", user " + username) + (starttls ? ", starttls"
                : "") + (ssl ? ", ssl" : "") + "]";
    }
}
