package org.flapjack.console.parts;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.flapjack.console.model.ConsoleSession;
import org.flapjack.console.model.ConsoleSettings;
import org.flapjack.core.persistence.Persistence;
import org.flapjack.core.persistence.PersistenceBackends;
import org.flapjack.persistence.sql.SqlPersistenceProvider;

/** A shell on the real display and a console session on an SQLite file of the test's own. */
final class ConsoleFixture implements AutoCloseable {

    final Display display = Display.getDefault();
    final Shell shell = new Shell(display);
    final Path database;
    final ConsoleSession session;
    final MPart part = MBasicFactory.INSTANCE.createPart();

    ConsoleFixture(Path folder, int beanstalkdPort) {
        database = folder.resolve("flapjack.db");
        ConsoleSettings settings = new ConsoleSettings("sqlite3://" + database, "", "127.0.0.1", beanstalkdPort,
                folder.resolve("recipients.conf"), folder.resolve("notifier.conf"));
        session = new ConsoleSession(() -> settings);
        shell.setText("Flapjack");
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 500);
    }

    ConsoleFixture(Path folder) {
        this(folder, 11300);
    }

    /** A second, independent connection to the test's database, as another program would open it. */
    Persistence openDatabase() {
        return PersistenceBackends.open(session.settings().persistenceSettings(),
                List.of(new SqlPersistenceProvider()));
    }

    @Override
    public void close() {
        shell.dispose();
        session.close();
    }
}
