package jmpi.testing;

import java.lang.reflect.Method;
import java.time.Duration;
import jmpi.Comm;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs one invocation of an {@link MPITest} method on every rank of a job. JUnit's own call of the
 * method is skipped; each rank's thread calls it instead through JUnit's invoker, so that JUnit, which
 * may reflect on the test's package, makes the call, and the {@link Comm} parameter resolves to the
 * calling rank's.
 */
final class RankRunner implements ParameterResolver, InvocationInterceptor {
    /** The communicator of the rank whose thread this is; unset on JUnit's own thread. */
    private static final ThreadLocal<Comm> RANK_COMM = new ThreadLocal<>();

    private final int ranks;
    private final Duration timeout;

    RankRunner(int ranks, Duration timeout) {
        this.ranks = ranks;
        this.timeout = timeout;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Comm.class;
    }

    /** The rank's communicator; null for JUnit's own call, which never runs. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return RANK_COMM.get();
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) {
        invocation.skip();
        Method method = invocationContext.getExecutable();
        Object target = invocationContext.getTarget().orElse(null);
        LocalJob.run(ranks, timeout, comm -> {
            RANK_COMM.set(comm);
            try {
                context.getExecutableInvoker().invoke(method, target);
            } finally {
                RANK_COMM.remove();
            }
        });
    }
}
