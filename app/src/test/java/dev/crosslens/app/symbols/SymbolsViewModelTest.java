package dev.crosslens.app.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslens.app.TestImages;
import dev.crosslens.model.Symbol;
import dev.crosslens.model.SymbolBinding;
import dev.crosslens.model.SymbolTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SymbolsViewModelTest {
    private final List<Symbol> symbols = TestImages.symbols(5000, 1);

    private long count(java.util.function.Predicate<Symbol> p) {
        return symbols.stream().filter(p).count();
    }

    @Test
    void substringFilterMatchesDemangledRawAndLibraryCaseInsensitively() {
        SymbolsViewModel vm = new SymbolsViewModel(symbols);
        assertEquals(5000, vm.sorted().size());
        vm.filterTextProperty().set("CORE::FMT");
        assertEquals(count(s -> s.demangled() != null && s.demangled().contains("core::fmt")), vm.sorted().size());
        vm.filterTextProperty().set("_zn4core");
        assertEquals(1000, vm.sorted().size());
        vm.filterTextProperty().set("libc.so");
        assertEquals(count(s -> !s.defined()), vm.sorted().size());
        vm.filterTextProperty().set("");
        assertEquals(5000, vm.shownProperty().get());
    }

    @Test
    void regexModeAndBadRegex() {
        SymbolsViewModel vm = new SymbolsViewModel(symbols);
        vm.regexProperty().set(true);
        vm.filterTextProperty().set("^net/http\\.func");
        assertEquals(count(s -> s.name().startsWith("net/http.func")), vm.sorted().size());
        assertTrue(vm.sorted().size() > 0);
        vm.filterTextProperty().set("([unclosed");
        assertEquals(0, vm.sorted().size());
        assertFalse(vm.filterErrorProperty().get().isEmpty());
        vm.filterTextProperty().set("func");
        assertTrue(vm.filterErrorProperty().get().isEmpty());
    }

    @Test
    void facetsCombineWithText() {
        SymbolsViewModel vm = new SymbolsViewModel(symbols);
        vm.definitionProperty().set(SymbolsViewModel.Definition.UNDEFINED);
        assertEquals(count(s -> !s.defined()), vm.sorted().size());
        vm.definitionProperty().set(SymbolsViewModel.Definition.WEAK);
        assertEquals(count(s -> s.binding() == SymbolBinding.WEAK), vm.sorted().size());
        vm.definitionProperty().set(SymbolsViewModel.Definition.DEFINED);
        vm.tableProperty().set(SymbolTable.GO_PCLNTAB);
        vm.bindingProperty().set(SymbolBinding.GLOBAL);
        vm.filterTextProperty().set("runtime");
        assertEquals(count(s -> s.defined() && s.table() == SymbolTable.GO_PCLNTAB
                && s.binding() == SymbolBinding.GLOBAL && s.name().contains("runtime")), vm.sorted().size());
        assertTrue(vm.tables().contains(SymbolTable.DYNSYM));
    }

    /** Runs what was handed to it only when told, in an order the test chooses. */
    private static final class Queue implements Executor {
        final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void runAll() {
            while (!tasks.isEmpty()) tasks.poll().run();
        }

        /** Runs the FX queue and the worker until neither has anything left. */
        static void settle(Queue worker, Queue fx) {
            while (!worker.tasks.isEmpty() || !fx.tasks.isEmpty()) {
                fx.runAll();
                worker.runAll();
            }
        }

        void runNewestFirst() {
            while (!tasks.isEmpty()) tasks.pollLast().run();
        }
    }

    private static final List<Symbol> BIG = TestImages.symbols(200_000, 42);

    private static List<Symbol> expected(Predicate<Symbol> p) {
        List<Symbol> out = new ArrayList<>();
        for (Symbol s : BIG) if (p.test(s)) out.add(s);
        return out;
    }

    private static List<Symbol> shown(SymbolsViewModel vm) {
        return vm.sorted().stream().map(SymbolsViewModel.Row::symbol).toList();
    }

    private static boolean keyHas(Symbol s, String needle) {
        String n = needle.toLowerCase(Locale.ROOT);
        return s.displayName().toLowerCase(Locale.ROOT).contains(n) || s.name().toLowerCase(Locale.ROOT).contains(n)
                || (s.library() != null && s.library().toLowerCase(Locale.ROOT).contains(n));
    }

    @Test
    void largeListFiltersOffThreadWithTheSameResultsAsTheDirectScan() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        SymbolsViewModel vm = new SymbolsViewModel(BIG, worker, fx);
        assertEquals(200_000, vm.sorted().size());
        vm.filterTextProperty().set("Runtime.Func");
        assertTrue(vm.busyProperty().get());
        assertEquals(200_000, vm.sorted().size(), "nothing changes before the worker has run");
        fx.runAll(); // the request, made once the event that changed the text is over
        assertEquals(1, worker.tasks.size());
        worker.runAll();
        assertEquals(200_000, vm.sorted().size(), "nor before the FX thread applies the result");
        fx.runAll();
        assertFalse(vm.busyProperty().get());
        List<Symbol> want = expected(s -> keyHas(s, "runtime.func"));
        assertTrue(want.size() > 0 && want.size() < 200_000, "the query narrows: " + want.size());
        assertEquals(want, shown(vm));
        assertEquals(want.size(), vm.shownProperty().get());

        vm.regexProperty().set(true);
        vm.filterTextProperty().set("^net/http\\.func[0-9a-f]+_1");
        Queue.settle(worker, fx);
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("^net/http\\.func[0-9a-f]+_1",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        assertEquals(expected(s -> p.matcher(s.displayName()).find() || p.matcher(s.name()).find()), shown(vm));

        vm.regexProperty().set(false);
        vm.filterTextProperty().set("");
        vm.tableProperty().set(SymbolTable.DYNSYM);
        vm.definitionProperty().set(SymbolsViewModel.Definition.UNDEFINED);
        Queue.settle(worker, fx);
        List<Symbol> facets = expected(s -> s.table() == SymbolTable.DYNSYM && !s.defined());
        assertTrue(facets.size() > 0, "the synthetic list has undefined dynsym symbols");
        assertEquals(facets, shown(vm));
        vm.bindingProperty().set(SymbolBinding.WEAK);
        vm.filterTextProperty().set("libc");
        Queue.settle(worker, fx);
        assertEquals(expected(s -> s.table() == SymbolTable.DYNSYM && !s.defined()
                && s.binding() == SymbolBinding.WEAK && keyHas(s, "libc")), shown(vm));
    }

    @Test
    void typingFastShowsOnlyTheLatestQueryWhateverOrderTheWorkFinishesIn() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        SymbolsViewModel vm = new SymbolsViewModel(BIG, worker, fx);
        for (String q : List.of("r", "ru", "run", "runt", "runtime.g")) {
            vm.filterTextProperty().set(q);
            fx.runAll(); // one key per FX event: one request each
        }
        assertEquals(5, worker.tasks.size());
        // the newest finishes first; the older four must neither overwrite it nor be applied at all
        worker.runNewestFirst();
        assertEquals(1, fx.tasks.size(), "stale requests are dropped before filtering");
        fx.runAll();
        assertEquals(expected(s -> keyHas(s, "runtime.g")), shown(vm));
        assertFalse(vm.busyProperty().get());

        // a result already computed for an old query arrives after a newer one started: dropped on arrival
        vm.filterTextProperty().set("core::fmt");
        fx.runAll();
        worker.runAll();
        vm.filterTextProperty().set("no-such-symbol-anywhere");
        fx.runAll(); // the core::fmt result, now stale, then the newer request
        assertEquals(expected(s -> keyHas(s, "runtime.g")), shown(vm), "a stale result is not shown");
        assertTrue(vm.busyProperty().get());
        Queue.settle(worker, fx);
        assertEquals(0, vm.sorted().size());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void changesMadeInOneEventCostOneFilter() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        SymbolsViewModel vm = new SymbolsViewModel(BIG, worker, fx);
        vm.tableProperty().set(SymbolTable.DYNSYM);
        vm.definitionProperty().set(SymbolsViewModel.Definition.UNDEFINED);
        vm.filterTextProperty().set("libc");
        assertEquals(1, fx.tasks.size());
        fx.runAll();
        assertEquals(1, worker.tasks.size(), "three changes, one filter");
        Queue.settle(worker, fx);
        assertEquals(expected(s -> s.table() == SymbolTable.DYNSYM && !s.defined() && keyHas(s, "libc")), shown(vm));
    }

    @Test
    void typingOnNarrowsAndBackspaceWidensAgain() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        SymbolsViewModel vm = new SymbolsViewModel(BIG, worker, fx);
        String[] steps = {"n", "ne", "net/", "net/http.func", "net/http.func1", "net/http.func", "net", "",
                "net/http.func1", "NET/HTTP.FUNC1"};
        for (String q : steps) {
            vm.filterTextProperty().set(q);
            Queue.settle(worker, fx);
            assertEquals(expected(s -> keyHas(s, q)), shown(vm), q);
        }
        // a facet changed under a longer needle must not reuse the narrower result
        vm.definitionProperty().set(SymbolsViewModel.Definition.UNDEFINED);
        vm.filterTextProperty().set("net/http.func1a");
        Queue.settle(worker, fx);
        assertEquals(expected(s -> !s.defined() && keyHas(s, "net/http.func1a")), shown(vm));
        vm.definitionProperty().set(SymbolsViewModel.Definition.ALL);
        Queue.settle(worker, fx);
        assertEquals(expected(s -> keyHas(s, "net/http.func1a")), shown(vm));
    }

    @Test
    void sortingKeepsTheFilterAndNullRestoresTableOrder() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        SymbolsViewModel vm = new SymbolsViewModel(BIG, worker, fx);
        vm.filterTextProperty().set("runtime");
        Comparator<SymbolsViewModel.Row> bySize = Comparator.comparingLong(r -> r.symbol().size());
        vm.sort(bySize.reversed());
        Queue.settle(worker, fx);
        List<Symbol> want = new ArrayList<>(expected(s -> keyHas(s, "runtime")));
        List<Symbol> tableOrder = List.copyOf(want);
        want.sort(Comparator.comparingLong(Symbol::size).reversed());
        assertEquals(want, shown(vm));
        vm.sort(null);
        Queue.settle(worker, fx);
        assertEquals(tableOrder, shown(vm));
    }

    @Test
    void badRegexOnALargeListMatchesNothingAndSaysWhy() {
        Queue worker = new Queue();
        Queue fx = new Queue();
        SymbolsViewModel vm = new SymbolsViewModel(BIG, worker, fx);
        vm.regexProperty().set(true);
        vm.filterTextProperty().set("([unclosed");
        fx.runAll(); // the request: the pattern is compiled here, once
        assertFalse(vm.filterErrorProperty().get().isEmpty(), "the error shows before any filtering");
        Queue.settle(worker, fx);
        assertEquals(0, vm.sorted().size());
    }
}
