package jmpi.testing;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** Turns an {@link MPITest} method into one invocation per rank count, each run by a {@link RankRunner}. */
public final class MPITestExtension implements TestTemplateInvocationContextProvider {

    /** Made by JUnit, through {@link MPITest}'s {@code @ExtendWith}. */
    public MPITestExtension() {
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, MPITest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        MPITest test = AnnotationSupport.findAnnotation(method, MPITest.class).orElseThrow();
        // checked here, where the message can name the method, not when the first job starts
        if (test.ranks().length == 0) {
            throw new ExtensionConfigurationException("@MPITest on " + method.getName() + " names no rank count");
        }
        for (int n : test.ranks()) {
            if (n < 1) {
                throw new ExtensionConfigurationException("@MPITest on " + method.getName() + ": rank count " + n
                        + " must be at least 1");
            }
        }
        if (test.timeout() < 1) {
            throw new ExtensionConfigurationException("@MPITest on " + method.getName() + ": timeout "
                    + test.timeout() + " s must be at least 1");
        }
        Duration timeout = Duration.ofSeconds(test.timeout());
        return Arrays.stream(test.ranks()).mapToObj(n -> new RankCount(n, timeout));
    }

    /** One run of the method at one rank count. */
    private record RankCount(int ranks, Duration timeout) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return ranks + (ranks == 1 ? " rank" : " ranks");
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new RankRunner(ranks, timeout));
        }
    }
}
