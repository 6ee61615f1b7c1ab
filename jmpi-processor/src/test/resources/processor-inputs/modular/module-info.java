module demo.app {
    requires jmpi;

    exports demo.app;

    provides jmpi.op.Registration with demo.app.JmpiRegistration_demo_app;
}
