package org.flapjack.core.config;

/** Config files as users write them, with every feature the readers must keep. */
final class Samples {

    private Samples() {
    }

    static final String RECIPIENTS = """
            # Who gets told when checks fail.
            ; Maintained by the operations team.

            [Alice Smith]
            email = alice@example.com
            phone = +44 20 7946 0000
              pager = 07700900001   # weekdays only
            jid = alice@jabber.example.com

            # Bob covers the night shift.
            [Bob]
            \temail=bob@example.org
            \tjid=bob@jabber.example.org
            \tshoe_size = 44

            [Carol van der Berg]  ; contractor
            email = carol+alerts@sub.example.net
            """;

    static final String NOTIFIER_CONFIG = """
            # Flapjack notifier
            [notifier]
              notifier-directories = /usr/lib/flapjack/notifiers   /opt/flapjack/notifiers
              notifiers = mailer, xmpp  log,sms
              notify = failures
              renotify_interval = 3600

            [persistence]
            backend = couchdb
            host = localhost
            port = 5984
            version = 0.8
            database = flapjack_production

            [transport]
            backend = beanstalkd
            host = localhost
            port = 11300
            basedir = /var/lib/flapjack

            [mailer-notifier]
            from_address = notifications@example.com ; the envelope sender

            [xmpp-notifier]
            jid = notifications@jabber.example.com
            password = "s3cr;et #1"

            ; unknown to flapjack, kept as is
            [sms-notifier]
            gateway = https://sms.example.com/send
            """;
}
