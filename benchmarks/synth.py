"""Seeded synthetic input/output pairs for benchmarks, with planted duplicates as ground truth.

    python benchmarks/synth.py 1000000 /tmp/pairs-1m.jsonl

Texts are drawn from the word frequencies of the bundled English samples, so unrelated
records share common words but not long word sequences, as real ones do. A share of
records are planted copies of earlier ones: exact copies disguised by case, spacing and
invisible characters, and near copies with 1-3 words edited. The planted pairs are
written next to the data as `<out>.truth.json`, for precision and recall.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CATEGORIES = {
    "billing": 0.22,
    "shipping": 0.18,
    "technical": 0.16,
    "account": 0.12,
    "returns": 0.1,
    "product": 0.08,
    "subscription": 0.07,
    "feedback": 0.04,
    "legal": 0.03,
}
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
INVISIBLE = ["\u200b", "\u200c", "\u2060", "\ufeff"]


@dataclass
class Truth:
    """Planted duplicates: (original index, copy index) pairs."""

    exact: list[tuple[int, int]] = field(default_factory=list)
    near: list[tuple[int, int]] = field(default_factory=list)


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Words of the bundled English samples with their frequencies: real English word
    frequencies (function words included), so language checks see English."""
    counts: Counter[str] = Counter()
    for name in ("support_tickets.jsonl", "alpaca.jsonl", "chat_messages.jsonl"):
        for line in (SAMPLES / name).read_text(encoding="utf-8").splitlines():
            text = " ".join(_strings(json.loads(line))).lower()
            counts.update(re.findall(r"[a-z']+", text))
    words = sorted(counts)
    rng.shuffle(words)
    return words, [float(counts[w]) for w in words]


def _strings(value: object) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _text(rng: random.Random, words: list[str], cum: list[float], low: int, high: int) -> str:
    return " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(low, high)))


def _disguise(text: str, rng: random.Random) -> str:
    """Same text after normalisation: other case, doubled spaces, an invisible character."""
    tokens = text.split(" ")
    spot = rng.randrange(len(tokens))
    tokens[spot] = tokens[spot][:1] + rng.choice(INVISIBLE) + tokens[spot][1:]
    return "  ".join(tokens).upper() if rng.random() < 0.5 else " \t".join(tokens)


def _edit(text: str, rng: random.Random, words: list[str], edits: int) -> str:
    tokens = text.split(" ")
    for _ in range(edits):
        spot = rng.randrange(len(tokens))
        action = rng.random()
        if action < 0.5:
            tokens[spot] = rng.choice(words)
        elif action < 0.75:
            tokens.insert(spot, rng.choice(words))
        elif len(tokens) > 2:
            del tokens[spot]
    return " ".join(tokens)


NATURAL_BYTES = 690
"""About the mean size of a record at `scale` 1 (15-60 words in, 20-140 out)."""


# Words of other languages for the foreign records (`foreign_share`): support-chat lines.
FOREIGN_WORDS = {
    "es": "hola mi pedido no ha llegado todavía quiero cambiar la dirección de envío gracias "
    "por la ayuda no puedo iniciar sesión desde ayer cuándo estará disponible otra vez el "
    "producto que compré la semana pasada",
    "de": "wo ist meine bestellung ich möchte mein geld zurück das paket ist leider beschädigt "
    "angekommen wie kann ich mein passwort ändern die rechnung stimmt nicht mir wurde "
    "zweimal abgebucht können sie die lieferadresse noch ändern",
    "fr": "bonjour ma commande n'est toujours pas arrivée je voudrais être remboursé le colis "
    "est arrivé abîmé et il manque une pièce comment changer mon mot de passe je n'arrive "
    "plus à me connecter à mon compte depuis hier",
    "ru": "здравствуйте где мой заказ он должен был прийти в понедельник не могу войти в "
    "аккаунт верните деньги пожалуйста доставка задерживается уже неделю как отменить "
    "подписку",
}


def generate(
    n: int,
    seed: int = 0,
    exact_share: float = 0.01,
    near_share: float = 0.01,
    scale: float = 1.0,
    foreign_share: float = 0.0,
    email_share: float = 0.0,
) -> tuple[Iterator[dict[str, str]], Truth]:
    """Yield n records (dicts) and fill the returned Truth as copies are planted; `scale`
    multiplies the words of each text (2.0: records of about 1.4 KB). `foreign_share` of
    the new records are in Spanish, German, French or Russian (input and output);
    `email_share` have an e-mail address in the reply."""
    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    cum, total = [], 0.0
    for weight in weights:
        total += weight
        cum.append(total)
    names, shares = zip(*CATEGORIES.items(), strict=True)
    truth = Truth()

    def records() -> Iterator[dict[str, str]]:
        kept: list[dict[str, str]] = []
        for index in range(n):
            roll = rng.random()
            if kept and roll < exact_share:
                source = rng.randrange(len(kept))
                original = kept[source]
                record = {**original, "input": _disguise(original["input"], rng)}
                truth.exact.append((int(original["id"][2:]), index))
            elif kept and roll < exact_share + near_share:
                source = rng.randrange(len(kept))
                original = kept[source]
                edited = _edit(original["output"], rng, words, rng.randint(1, 3))
                record = {**original, "output": edited}
                truth.near.append((int(original["id"][2:]), index))
            elif rng.random() < foreign_share:
                pool = FOREIGN_WORDS[rng.choice(sorted(FOREIGN_WORDS))].split()
                record = {
                    "input": _foreign(rng, pool, round(15 * scale), round(60 * scale)),
                    "output": _foreign(rng, pool, round(20 * scale), round(140 * scale)),
                    "category": rng.choices(names, weights=shares)[0],
                }
            else:
                record = {
                    "input": _text(rng, words, cum, round(15 * scale), round(60 * scale)),
                    "output": _text(rng, words, cum, round(20 * scale), round(140 * scale)),
                    "category": rng.choices(names, weights=shares)[0],
                }
            if rng.random() < email_share:
                who = f"{rng.choice(words)}.{rng.choice(words)}{rng.randint(1, 999)}"
                record = {**record, "output": f"{record['output']} Write to {who}@example.com."}
            record["id"] = f"r-{index}"
            if len(kept) < 50_000:
                kept.append(record)
            elif rng.random() < 0.05:
                kept[rng.randrange(len(kept))] = record
            yield record

    return records(), truth


def _foreign(rng: random.Random, pool: list[str], low: int, high: int) -> str:
    return " ".join(rng.choice(pool) for _ in range(rng.randint(low, high))).capitalize() + "."


def write(
    n: int,
    out: Path,
    seed: int = 0,
    record_bytes: int = 0,
    foreign_share: float = 0.0,
    email_share: float = 0.0,
) -> Truth:
    """Write n records as JSONL to `out` and the planted truth beside it; `record_bytes`
    sets their mean size (0: the natural ~690 bytes); the shares as in `generate`."""
    scale = record_bytes / NATURAL_BYTES if record_bytes else 1.0
    records, truth = generate(
        n, seed, scale=scale, foreign_share=foreign_share, email_share=email_share
    )
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    truth_path = out.with_name(out.name + ".truth.json")
    truth_path.write_text(json.dumps({"exact": truth.exact, "near": truth.near}))
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("out", type=Path, help="JSONL file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    truth = write(args.n, args.out, args.seed)
    print(
        f"wrote {args.n:,} records to {args.out} "
        f"({len(truth.exact):,} exact and {len(truth.near):,} near copies planted)"
    )


if __name__ == "__main__":
    main()
