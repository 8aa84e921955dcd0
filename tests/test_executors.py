"""executors.map_ordered: input order whatever the executor, failures isolated, bounded read-ahead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fake_pipeline
from quotex.inputs import Document, Input, Problem, iter_inputs
from quotex.core import PipelineError
from quotex.executors import (BATCH_DOCS, IN_FLIGHT_PER_JOB, LOOKAHEAD_DOCS, TAIL_BATCH_DOCS, executor_for,
                              map_ordered)


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(fake_pipeline.save(tmp_path_factory.mktemp("fake") / "pipeline"))


def _article(number: int, quotes: int) -> str:
    said = " ".join(f"Die Sprecherin sagte: „Satz {number}-{k} ist wichtig.“" for k in range(quotes))
    return f"Meldung {number}\n\nDer Bericht erschien am Morgen. {said} Danach ging es weiter."


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """Text files and a JSONL file, with a known number of quotes per source."""
    expected: dict[str, int] = {}
    for number in range(23):
        quotes = number % 4
        path = tmp_path / f"{number:03d}.txt"
        # Some long texts, so batches are cut by size as well as by count.
        padding = " Weitere Einzelheiten folgen." * (3000 if number % 7 == 0 else 1)
        path.write_text(_article(number, quotes) + padding, encoding="utf-8")
        expected[str(path)] = quotes
    lines = []
    for line in range(1, 41):
        lines.append(json.dumps({"title": f"Zeile {line}", "text": _article(100 + line, line % 3)}, ensure_ascii=False))
        expected[f"{tmp_path / 'zz.jsonl'}#{line}"] = line % 3
    (tmp_path / "zz.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path, expected


def _run(folder: Path, model: str, jobs: int) -> list[tuple[Input, list | Problem]]:
    return list(map_ordered(iter_inputs([str(folder)]), executor_for(model, jobs=jobs)))


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_input_in_order_with_its_records(corpus, model, jobs):
    folder, expected = corpus
    results = _run(folder, model, jobs)
    assert [item.key for item, _ in results] == [item.key for item in iter_inputs([str(folder)])]
    found: dict[str, int] = {}
    for item, records in results:
        assert not isinstance(records, Problem)
        for record in records:
            found[record.source] = found.get(record.source, 0) + 1
            quote = record.to_dict()["quote"]
            # The text was put back in the parent: the quote text is the span's text.
            assert quote["text"].startswith("„Satz ") and quote["text"].endswith("ist wichtig.“")
    assert found == {source: count for source, count in expected.items() if count}


def test_two_jobs_give_the_same_records_as_one(corpus, model):
    folder, _ = corpus
    one = [[r.to_json() for r in records] for _, records in _run(folder, model, 1)]
    two = [[r.to_json() for r in records] for _, records in _run(folder, model, 2)]
    assert one == two
    assert sum(map(len, one)) == 33 + 40  # sum of number % 4 over the files, of line % 3 over the lines


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_document_fails_only_its_input(tmp_path, model, jobs):
    for number in range(6):
        text = _article(number, 2) + (" BOOM" if number == 3 else "")
        (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")
    results = _run(tmp_path, model, jobs)
    outcomes = {Path(item.key).name: outcome for item, outcome in results}
    assert isinstance(outcomes["3.txt"], Problem) and outcomes["3.txt"].fatal
    assert "the test text asked for a failure" in outcomes["3.txt"].message
    assert outcomes["3.txt"].source.endswith("3.txt")
    assert all(len(outcomes[f"{n}.txt"]) == 2 for n in (0, 1, 2, 4, 5))


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unloadable_pipeline_is_one_clear_error(tmp_path, corpus, jobs):
    folder, _ = corpus
    with pytest.raises(PipelineError, match="cannot load"):
        _run(folder, str(tmp_path / "no-such-pipeline"), jobs)


def test_inputs_are_read_only_a_bounded_way_ahead(model):
    pulled = 0

    def inputs():
        nonlocal pulled
        for number in range(2000):
            pulled += 1
            text = _article(number, 1)
            document = Document(f"mem{number}", f"d{number}", None, text, {}, (), f"k{number}", "x")
            yield Input(key=f"k{number}", digest="x", documents=[document])

    results = map_ordered(inputs(), executor_for(model, jobs=2))
    first, records = next(results)
    assert first.key == "k0" and len(records) == 1
    # The window of batches in flight, the batch being cut and the look-ahead: far from all 2000.
    assert pulled <= (IN_FLIGHT_PER_JOB * 2 + 2) * BATCH_DOCS + LOOKAHEAD_DOCS
    results.close()


class _Sizes:
    """An executor that annotates nothing and notes the size of every batch it is given."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def map(self, batches):
        for batch in batches:
            self.sizes.append(len(batch))
            yield [[] for _ in batch]


def test_the_last_documents_go_out_in_small_batches_so_that_workers_finish_together():
    documents = [Document(f"mem{n}", f"d{n}", None, f"Text {n}.", {}, (), f"k{n}", "x") for n in range(100)]
    # One input of 30 documents, then one document per input.
    inputs = [Input(key="big", digest="x", documents=documents[:30])]
    inputs += [Input(key=f"k{n}", digest="x", documents=[documents[n]]) for n in range(30, 100)]
    executor = _Sizes()
    results = list(map_ordered(inputs, executor))
    assert [item.key for item, _ in results] == [item.key for item in inputs]
    assert sum(executor.sizes) == 100
    tail = [size for size in executor.sizes if size < BATCH_DOCS]
    assert executor.sizes == [BATCH_DOCS] * (len(executor.sizes) - len(tail)) + tail
    assert all(size <= TAIL_BATCH_DOCS for size in tail)
    # The look-ahead was full when the end was seen: all of it went out in small batches.
    assert LOOKAHEAD_DOCS - BATCH_DOCS < sum(tail) <= LOOKAHEAD_DOCS


def test_a_document_that_kills_its_worker_fails_alone(tmp_path, model):
    for number in range(40):
        text = _article(number, 1) + (" CRASH" if number in (5, 33) else "")
        (tmp_path / f"{number:02d}.txt").write_text(text, encoding="utf-8")
    results = _run(tmp_path, model, 2)
    assert [Path(item.key).name for item, _ in results] == [f"{n:02d}.txt" for n in range(40)]
    failed = {Path(item.key).name for item, outcome in results if isinstance(outcome, Problem)}
    assert failed == {"05.txt", "33.txt"}
    assert all(len(outcome) == 1 for _, outcome in results if not isinstance(outcome, Problem))


@pytest.mark.parametrize("jobs", [1, 2])
def test_inputs_without_documents_are_yielded_too(tmp_path, model, jobs):
    (tmp_path / "a.txt").write_text(_article(1, 1), encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")  # an error from reading: no documents
    only_empty = tmp_path / "empty"
    only_empty.mkdir()
    (only_empty / "c.txt").write_text("", encoding="utf-8")
    results = _run(tmp_path, model, jobs)
    assert [Path(item.key).name for item, _ in results] == ["a.txt", "b.txt", "c.txt"]
    assert [len(records) for _, records in results] == [1, 0, 0]
    assert results[1][0].failed and results[2][0].failed


def test_pool_workers_freeze_their_pipeline_and_this_process_does_not(model, tmp_path):
    import gc

    from quotex import executors

    pool = executors._Pool(model, 1)
    try:
        assert pool._executor.submit(gc.get_freeze_count).result() > 0
    finally:
        pool.shut_down(graceful=True)
    (tmp_path / "a.txt").write_text(_article(1, 1), encoding="utf-8")
    before = gc.get_freeze_count()
    assert len(_run(tmp_path, model, 1)[0][1]) == 1
    assert gc.get_freeze_count() == before
