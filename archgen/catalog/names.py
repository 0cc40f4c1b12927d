"""The rule that names every node class of diagrams: its aliases and its service name.

A class path is ``<provider>.<module>.<Class>`` (``aws.compute.Lambda``). From it:

- its *kebab name*: the class name split into words where the case changes, acronyms
  kept whole, lower-cased and joined by ``-`` (``APIGateway`` → ``api-gateway``,
  ``EC2AutoScaling`` → ``ec2-auto-scaling``, ``A4B`` → ``a4b``);
- its aliases: ``<provider>.<kebab name>`` for every class (``gcp.gke``, ``k8s.pod``),
  and the bare kebab name for AWS classes, archgen's home provider (``lambda``); but
  never a name that starts a class path (a provider such as ``aws`` or a module such
  as ``aws.compute``): ``kind: aws.compute`` is a class path typed halfway, an error,
  not ``aws.compute.Compute``;
- its service name: the provider's display name and the words of the class's full
  name (``Kubernetes Pod``, ``GCP GKE``, ``Kubernetes Ingress`` for ``k8s.network.Ing``,
  whose module-level alias ``Ingress`` writes it out), for a class the product table
  does not name; the alias of the full name is the kind's first.

When several classes of one provider share a name, one class takes it, by these
rules in turn (the others keep their class path; ``archgen catalog NAME`` lists them):
a module-level alias diagrams defines (``EKS = ElasticKubernetesService``) names the
class it aliases, and the names of one class never clash with each other; then a
class's own name beats a module-level alias; a class with an icon beats one without;
the class in the module with more classes beats the one in the smaller module (diagrams
lists some services twice, under their category and again under a smaller one such as
``aws.mobile``); and last the module path in alphabetical order.

``derive_aliases`` is run once, when ``tests/unit/draw/test_diagrams_drift.py`` writes
``aliases.json`` from the installed diagrams; archgen reads the table it wrote.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

HOME_PROVIDER = "aws"

# A provider's name as a reader knows it, put before a class name in a derived service
# name; None for a "provider" that is a category, not a vendor (onprem, saas, ...).
PROVIDER_NAMES: dict[str, str | None] = {
    "alibabacloud": "Alibaba Cloud",
    "aws": "AWS",
    "azure": "Azure",
    "base": None,
    "c4": None,
    "custom": None,
    "digitalocean": "DigitalOcean",
    "elastic": "Elastic",
    "firebase": "Firebase",
    "gcp": "GCP",
    "generic": None,
    "gis": None,
    "ibm": "IBM",
    "k8s": "Kubernetes",
    "oci": "OCI",
    "onprem": None,
    "openstack": "OpenStack",
    "outscale": "Outscale",
    "programming": None,
    "saas": None,
}

# Word breaks: lower-case to upper-case (ApiGateway), an acronym's end before a word
# (APIGateway), a digit before a word (EC2AutoScaling, not A4B), and underscores.
_WORD_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z0-9])(?=[A-Z][a-z])|_+")


def words(class_name: str) -> list[str]:
    """``APIGateway`` → ``['API', 'Gateway']``: the class name's words, acronyms kept."""
    return [word for word in _WORD_BREAK.split(class_name) if word]


def kebab(class_name: str) -> str:
    """``APIGateway`` → ``api-gateway``."""
    return "-".join(words(class_name)).lower()


def provider_of(path: str) -> str:
    return path.split(".", 1)[0]


def full_name(path: str, module_aliases: Iterable[str] = ()) -> str:
    """The class's name written out: the longest of its own name and the names of
    diagrams' module-level aliases of it, which abbreviate it in one direction or the
    other (``EKS = ElasticKubernetesService``, but ``Ingress = Ing``); a tie keeps the
    class's own name. Letters count, not underscores (``CephOsd``, not ``CEPH_OSD``)."""
    own = path.rsplit(".", 1)[-1]
    others = [alias.rsplit(".", 1)[-1] for alias in module_aliases]
    return max([own, *sorted(others)], key=lambda name: len(name.replace("_", "")))


def service_name(path: str, class_name: str | None = None) -> str:
    """``k8s.compute.Pod`` → ``Kubernetes Pod``: the provider and the words of the class's
    name (``class_name``, its full name, when given); no prefix for a category such as
    onprem, nor one the name starts with already (``elastic.elasticsearch.Elasticsearch``)."""
    class_words = " ".join(words(class_name or path.rsplit(".", 1)[-1]))
    provider = PROVIDER_NAMES.get(provider_of(path))
    folded = class_words.replace(" ", "").lower()
    if provider is None or folded.startswith(provider.replace(" ", "").lower()):
        return class_words
    return f"{provider} {class_words}"


def names_of(path: str) -> list[str]:
    """The aliases the rule gives the class path, before clashes are settled."""
    provider, kebab_name = provider_of(path), kebab(path.rsplit(".", 1)[-1])
    qualified = f"{provider}.{kebab_name}"
    return [kebab_name, qualified] if provider == HOME_PROVIDER else [qualified]


def path_prefixes(paths: Iterable[str]) -> set[str]:
    """Every provider and module the class paths name: ``aws``, ``aws.compute``, ..."""
    prefixes: set[str] = set()
    for path in paths:
        parts = path.split(".")
        prefixes.update(".".join(parts[:end]) for end in range(1, len(parts)))
    return prefixes


def derive_aliases(has_icon: Mapping[str, bool], same_class: Mapping[str, str]) -> dict[str, str]:
    """Every alias → the class path it names (a class's own path, never a module-level
    alias of it), sorted. ``has_icon`` holds every class path, ``same_class`` maps each
    module-level alias path to the class it aliases."""
    paths = sorted(has_icon)
    module_size = Counter(path.rsplit(".", 1)[0] for path in paths)
    taken = path_prefixes(paths)
    claims: dict[str, list[str]] = {}
    for path in paths:
        for alias in names_of(path):
            if alias not in taken:
                claims.setdefault(alias, []).append(path)

    def preference(path: str) -> tuple[bool, bool, int, str]:
        module = path.rsplit(".", 1)[0]
        return (path in same_class, not has_icon[path], -module_size[module], module)

    aliases = {}
    for alias, claimants in sorted(claims.items()):
        winner = min(claimants, key=preference)
        aliases[alias] = same_class.get(winner, winner)
    return aliases
