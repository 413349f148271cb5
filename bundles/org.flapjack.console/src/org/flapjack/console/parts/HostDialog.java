package org.flapjack.console.parts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.flapjack.processes.Authentication;
import org.flapjack.processes.Host;
import org.flapjack.processes.HostSettings;

/**
 * Adds or edits a remote host: where sshd listens, who logs in and how (keys or a password), where Flapjack is
 * installed there, and where its processes find beanstalkd and the notifier's files. Each field is checked as it is
 * typed, and OK stays disabled while one is wrong.
 */
final class HostDialog extends FieldsDialog {

    /** Where the Flapjack server installer puts the server by default. */
    static final String DEFAULT_INSTALL_PATH = "/opt/flapjack";

    private static final String PORT_RANGE = "a number from 1 to 65535";

    private final Host original;
    private final Set<String> taken;
    private final boolean passwordRemembered;

    private Text name;
    private Text address;
    private Text port;
    private Text user;
    private Button keyLogin;
    private Button passwordLogin;
    private Text keyFile;
    private Button browse;
    private Text password;
    private Button remember;
    private Text installPath;
    private Text beanstalkHost;
    private Text beanstalkPort;
    private Text checksDirectory;
    private Text recipientsFile;
    private Text notifierConfig;

    private Host result;
    private char[] enteredPassword;
    private boolean rememberPassword;

    /**
     * A dialog for ORIGINAL, or for a new host when it is null. TAKEN holds the names of the other hosts;
     * PASSWORD_REMEMBERED says whether secure storage holds ORIGINAL's password already.
     */
    HostDialog(Shell parent, Host original, Set<String> taken, boolean passwordRemembered) {
        super(parent);
        this.original = original;
        this.taken = taken;
        this.passwordRemembered = passwordRemembered;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    /** The host as entered, once OK was pressed. */
    Host result() {
        return result;
    }

    /** The password typed for a password host, or null when none was typed (it is then asked when needed). */
    char[] password() {
        return enteredPassword == null ? null : enteredPassword.clone();
    }

    /** Whether the typed password is to be kept in secure storage. */
    boolean rememberPassword() {
        return rememberPassword;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(original == null ? "New Host" : "Edit Host");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(original == null ? "New remote host" : "Host " + original.name());
        setMessage("A machine the console controls over SSH. Passwords go to secure storage, never to hosts.json.");
        Composite form = new Composite(area, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(3, false));
        name = text(form, "Name:", "name");
        address = text(form, "Address:", "address");
        port = text(form, "SSH port:", "port");
        user = text(form, "User:", "user");
        createLoginChoice(form);
        keyFile = text(form, "Key file:", "keyFile");
        keyFile.setMessage("empty: the SSH agent's keys and ~/.ssh/id_*");
        ((GridData) keyFile.getLayoutData()).horizontalSpan = 1;
        browse = new Button(form, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> browseKeyFile());
        password = text(form, "Password:", "password", SWT.BORDER | SWT.PASSWORD);
        password.setMessage(passwordRemembered ? "remembered; type to replace it" : "empty: asked when needed");
        new Label(form, SWT.NONE);
        remember = new Button(form, SWT.CHECK);
        remember.setText("Remember the password in secure storage");
        remember.setData(CheckDialog.FIELD, "remember");
        remember.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        installPath = text(form, "Install path:", "installPath");
        beanstalkHost = text(form, "beanstalkd host:", "beanstalkHost");
        beanstalkPort = text(form, "beanstalkd port:", "beanstalkPort");
        checksDirectory = text(form, "Checks folder:", "checksDirectory");
        checksDirectory.setMessage("empty: the worker's default");
        recipientsFile = text(form, "Recipients file:", "recipientsFile");
        recipientsFile.setMessage("needed to start the notifier there");
        notifierConfig = text(form, "Notifier config:", "notifierConfig");
        notifierConfig.setMessage("empty: /etc/flapjack/flapjack-notifier.conf");
        fill(original);
        for (Text text : List.of(name, address, port, user, keyFile, password, installPath, beanstalkHost,
                beanstalkPort, checksDirectory, recipientsFile, notifierConfig)) {
            text.addListener(SWT.Modify, e -> validate());
        }
        keyLogin.addListener(SWT.Selection, e -> validate());
        passwordLogin.addListener(SWT.Selection, e -> validate());
        return area;
    }

    @Override
    void accepted() {
        String typed = password.getText();
        enteredPassword = passwordLogin.getSelection() && !typed.isEmpty() ? typed.toCharArray() : null;
        rememberPassword = enteredPassword != null && remember.getSelection();
    }

    private void createLoginChoice(Composite form) {
        new Label(form, SWT.NONE).setText("Log in with:");
        Composite choice = new Composite(form, SWT.NONE);
        choice.setLayout(new GridLayout(2, false));
        choice.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        keyLogin = new Button(choice, SWT.RADIO);
        keyLogin.setText("Keys");
        keyLogin.setData(CheckDialog.FIELD, "keyLogin");
        passwordLogin = new Button(choice, SWT.RADIO);
        passwordLogin.setText("Password");
        passwordLogin.setData(CheckDialog.FIELD, "passwordLogin");
    }

    private void fill(Host host) {
        HostSettings settings = host == null ? HostSettings.defaults() : host.settings();
        name.setText(host == null ? "" : host.name());
        address.setText(host == null ? "" : host.address());
        port.setText(Integer.toString(host == null ? 22 : host.port()));
        user.setText(host == null ? System.getProperty("user.name") : host.user());
        keyFile.setText(host == null || host.keyFile() == null ? "" : host.keyFile());
        boolean byPassword = host != null && host.authentication() == Authentication.PASSWORD;
        keyLogin.setSelection(!byPassword);
        passwordLogin.setSelection(byPassword);
        installPath.setText(host == null ? DEFAULT_INSTALL_PATH : host.installPath());
        beanstalkHost.setText(settings.beanstalkHost());
        beanstalkPort.setText(Integer.toString(settings.beanstalkPort()));
        checksDirectory.setText(settings.checksDirectory());
        recipientsFile.setText(settings.recipientsFile());
        notifierConfig.setText(settings.notifierConfig());
    }

    private void browseKeyFile() {
        FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
        dialog.setText("Private key");
        dialog.setFilterPath(Path.of(System.getProperty("user.home"), ".ssh").toString());
        String chosen = dialog.open();
        if (chosen != null) {
            keyFile.setText(chosen);
        }
    }

    /** Reads the fields, enabling those of the chosen login: the first problem, or null with the host kept. */
    @Override
    String check() {
        boolean byPassword = passwordLogin.getSelection();
        keyFile.setEnabled(!byPassword);
        browse.setEnabled(!byPassword);
        password.setEnabled(byPassword);
        remember.setEnabled(byPassword);
        String problem = problem(byPassword);
        if (problem == null) {
            result = read(byPassword);
        }
        return problem;
    }

    private String problem(boolean byPassword) {
        String entered = name.getText().strip();
        if (entered.isEmpty()) {
            return "a host needs a name";
        }
        if (Host.LOCALHOST.equals(entered)) {
            return "'" + Host.LOCALHOST + "' is this machine, which is always listed; give the remote host "
                    + "another name";
        }
        if (taken.contains(entered) && (original == null || !original.name().equals(entered))) {
            return "a host called '" + entered + "' exists already";
        }
        if (address.getText().isBlank()) {
            return "the address is empty: give the host name or IP address its sshd listens on";
        }
        if (address.getText().strip().chars().anyMatch(Character::isWhitespace)) {
            return "the address '" + address.getText().strip() + "' has a space in it";
        }
        if (port(port.getText()) == 0) {
            return "the SSH port must be " + PORT_RANGE + ", not '" + port.getText().strip() + "'";
        }
        if (user.getText().isBlank()) {
            return "the user is empty: give the account to log in as";
        }
        String key = byPassword ? null : keyFileProblem(keyFile.getText().strip());
        if (key != null) {
            return key;
        }
        String install = installPath.getText().strip();
        if (install.isEmpty()) {
            return "the install path is empty: give the folder of Flapjack's server install there (it holds bin/)";
        }
        if (!install.startsWith("/")) {
            return "the install path must be absolute, such as " + DEFAULT_INSTALL_PATH + ", not '" + install + "'";
        }
        if (!beanstalkPort.getText().isBlank() && port(beanstalkPort.getText()) == 0) {
            return "the beanstalkd port must be " + PORT_RANGE + ", not '" + beanstalkPort.getText().strip() + "'";
        }
        return filesProblem();
    }

    private String filesProblem() {
        List<Text> files = List.of(checksDirectory, recipientsFile, notifierConfig);
        List<String> labels = List.of("checks folder", "recipients file", "notifier config");
        for (int i = 0; i < files.size(); i++) {
            String path = files.get(i).getText().strip();
            if (!path.isEmpty() && !path.startsWith("/")) {
                return "the " + labels.get(i) + " must be an absolute path on that host, not '" + path + "'";
            }
        }
        return null;
    }

    /** Why the key file cannot be used, or null; an empty one is fine (the agent and default keys are tried). */
    static String keyFileProblem(String entered) {
        if (entered.isEmpty()) {
            return null;
        }
        Path file = Path.of(entered.equals("~") || entered.startsWith("~/")
                ? System.getProperty("user.home") + entered.substring(1) : entered);
        if (!Files.exists(file)) {
            return "the key file " + entered + " does not exist";
        }
        if (Files.isDirectory(file)) {
            return "the key file " + entered + " is a folder; choose the private key in it";
        }
        if (!Files.isReadable(file)) {
            return "the key file " + entered + " cannot be read by " + System.getProperty("user.name");
        }
        return null;
    }

    private Host read(boolean byPassword) {
        HostSettings settings = new HostSettings(beanstalkHost.getText(), port(beanstalkPort.getText()),
                original == null ? null : original.settings().beanstalkdDir(),
                original == null ? null : original.settings().runDir(), checksDirectory.getText(),
                recipientsFile.getText(), notifierConfig.getText());
        String key = byPassword ? null : keyFile.getText();
        return Host.remote(name.getText().strip(), address.getText().strip(), port(port.getText()), user.getText(),
                key, installPath.getText().strip(), settings)
                .withAuthentication(byPassword ? Authentication.PASSWORD : Authentication.KEY);
    }

    /** The port in TEXT, or 0 when it is not one. */
    private static int port(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            return value >= 1 && value <= 65535 ? value : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Text text(Composite form, String label, String field) {
        return text(form, label, field, SWT.BORDER);
    }

    private static Text text(Composite form, String label, String field, int style) {
        new Label(form, SWT.NONE).setText(label);
        Text text = new Text(form, style);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        data.widthHint = 380;
        text.setLayoutData(data);
        text.setData(CheckDialog.FIELD, field);
        return text;
    }
}
