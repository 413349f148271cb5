package org.flapjack.transport.beanstalkd;

/**
 * Where beanstalkd listens.
 *
 * @param host a host name or address
 * @param port the TCP port
 */
record Endpoint(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
