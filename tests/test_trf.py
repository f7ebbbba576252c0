"""Transformer wiring, end to end, on CPU, with a tiny randomly initialised transformer.

No pretrained transformer can be downloaded here, so the test writes one: a 2-layer BERT with
hidden size 32 and a WordPiece vocabulary taken from our own sample text (transformers'
``save_pretrained`` into tmp_path), a spaCy pipeline whose ``transformer`` component points
to it and whose tagger, parser and NER listen to it, initialised and briefly trained on a few
hand-made examples and saved to disk. Then the whole job runs through it with
``--model <that path> --config configs/trf.cfg``: the wiring is what is proven (the files
are written, nothing crashes); its entities and relations are allowed to be nonsense.

Needs the optional extra: pip install torch==2.13.0 (CPU build) "spacy-transformers>=1.3,<1.5".
"""

from __future__ import annotations

import json
import random

import pytest

pytest.importorskip("spacy_transformers", reason="optional extra actorgraph[trf] not installed")
pytest.importorskip("torch")

from typer.testing import CliRunner  # noqa: E402

from pipeline.cli import app  # noqa: E402
from pipeline.paths import configs_dir  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

# (words, tags, heads, deps, BILUO entities): our own sentences, annotated by hand
EXAMPLES = [
    ("Clara Voss said the plan would fail .".split(),
     ["NNP", "NNP", "VBD", "DT", "NN", "MD", "VB", "."],
     [1, 2, 2, 4, 6, 6, 2, 2],
     ["compound", "nsubj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
     ["B-PERSON", "L-PERSON", "O", "O", "O", "O", "O", "O"]),
    ("Norway will protect pensions , Tomas Brandt told reporters .".split(),
     ["NNP", "MD", "VB", "NNS", ",", "NNP", "NNP", "VBD", "NNS", "."],
     [2, 2, 7, 2, 7, 6, 7, 7, 7, 7],
     ["nsubj", "aux", "ccomp", "dobj", "punct", "compound", "nsubj", "ROOT", "dobj", "punct"],
     ["U-GPE", "O", "O", "O", "O", "B-PERSON", "L-PERSON", "O", "O", "O"]),
    ("The Central Bank warned that Brazil faced a drought .".split(),
     ["DT", "NNP", "NNP", "VBD", "IN", "NNP", "VBD", "DT", "NN", "."],
     [2, 2, 3, 3, 6, 6, 3, 8, 6, 3],
     ["det", "compound", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "det", "dobj", "punct"],
     ["B-ORG", "I-ORG", "L-ORG", "O", "O", "U-GPE", "O", "O", "O", "O"]),
]

ARTICLE = (
    "Finance Minister Clara Voss said on Tuesday that the budget would protect Norway.\n\n"
    "\u201cWe will not cut pensions,\u201d Voss said. The Central Bank warned that Brazil faced "
    "a drought, Tomas Brandt told reporters.\n"
)

PIPELINE_CFG = """
[nlp]
lang = "en"
pipeline = ["transformer","tagger","parser","ner"]
batch_size = 8

[components]

[components.transformer]
factory = "transformer"
max_batch_items = 4096
set_extra_annotations = {"@annotation_setters":"spacy-transformers.null_annotation_setter.v1"}

[components.transformer.model]
@architectures = "spacy-transformers.TransformerModel.v3"
name = "%(bert)s"
mixed_precision = false

[components.transformer.model.get_spans]
@span_getters = "spacy-transformers.strided_spans.v1"
window = 64
stride = 48

[components.transformer.model.tokenizer_config]
use_fast = true

[components.transformer.model.transformer_config]

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy-transformers.TransformerListener.v1"
grad_factor = 1.0
pooling = {"@layers":"reduce_mean.v1"}
upstream = "*"

[components.parser]
factory = "parser"
min_action_freq = 1

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = 32
maxout_pieces = 2
use_upper = false
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy-transformers.TransformerListener.v1"
grad_factor = 1.0
pooling = {"@layers":"reduce_mean.v1"}
upstream = "*"

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 32
maxout_pieces = 2
use_upper = false
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy-transformers.TransformerListener.v1"
grad_factor = 1.0
pooling = {"@layers":"reduce_mean.v1"}
upstream = "*"
"""


def _write_tiny_bert(folder) -> None:
    """A randomly initialised 2-layer BERT and a WordPiece vocabulary from our own text."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    words = set()
    for text in [ARTICLE] + [" ".join(ex[0]) for ex in EXAMPLES]:
        for w in text.replace("\u201c", " ").replace("\u201d", " ").split():
            words.add(w.lower().strip(".,"))
    chars = sorted({c for w in words for c in w} | set(".,;:!?'\"-\u201c\u201d"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + sorted(w for w in words if w)
    vocab += [c for c in chars if c not in vocab] + [f"##{c}" for c in chars]
    folder.mkdir(parents=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    tok.save_pretrained(str(folder))
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2,
                     num_attention_heads=2, intermediate_size=64, max_position_embeddings=128)
    BertModel(cfg).save_pretrained(str(folder))


@pytest.fixture(scope="module")
def tiny_trf(tmp_path_factory):
    """Path of a saved spaCy pipeline built on the tiny local transformer."""
    import spacy
    from spacy.training import Example
    from thinc.api import fix_random_seed

    fix_random_seed(0)
    base = tmp_path_factory.mktemp("trf")
    bert = base / "tiny-bert"
    _write_tiny_bert(bert)
    config = spacy.util.load_config_from_str(PIPELINE_CFG % {"bert": str(bert)})
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    examples = []
    for words, tags, heads, deps, ents in EXAMPLES:
        doc = spacy.tokens.Doc(nlp.vocab, words=words)
        examples.append(Example.from_dict(doc, {"tags": tags, "heads": heads, "deps": deps,
                                                "entities": ents}))
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(0)
    for _ in range(5):
        rng.shuffle(examples)
        nlp.update(examples, sgd=optimizer)
    path = base / "tiny_trf_pipeline"
    nlp.to_disk(path)
    return path


def test_tiny_transformer_pipeline_loads_with_our_components(tiny_trf):
    from pipeline.nlp import load_nlp

    nlp = load_nlp(str(tiny_trf), config=configs_dir() / "trf.cfg")
    assert nlp.pipe_names[:1] == ["transformer"]
    assert "actorgraph_attribution" in nlp.pipe_names
    doc = nlp(ARTICLE)
    assert doc._.relations is not None and doc._.entities is not None
    assert doc._.trf_data is not None  # the transformer really ran


def test_whole_job_runs_through_tiny_transformer(tiny_trf, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.txt").write_text(ARTICLE.replace("Tuesday", f"day {i}"), encoding="utf-8")
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["run", str(src), "--out", str(out), "--model", str(tiny_trf),
                                   "--config", str(configs_dir() / "trf.cfg"), "--quiet"])
    assert res.exit_code == 0, res.output
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert len(docs) == 3 and all(d["words"] > 0 for d in docs)
    for name in ("relations.jsonl", "entities.jsonl", "errors.jsonl", "actors.graphml",
                 "summary.json"):
        assert (out / name).exists(), name
    assert (out / "errors.jsonl").read_text() == ""
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"] == 3 and summary["exit_code"] == 0


def test_gpu_flag_without_gpu_says_so_and_runs_on_cpu(tiny_trf, tmp_path):
    from pipeline.nlp import gpu_available

    if gpu_available():
        pytest.skip("this machine has a GPU: the no-GPU message does not apply")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = CliRunner().invoke(app, ["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"),
                                   "--model", str(tiny_trf), "--gpu", "--quiet"])
    assert res.exit_code == 0, res.output
    assert "no GPU found" in res.output and "running on the CPU" in res.output
