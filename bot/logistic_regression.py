"""Rasa's logistic-regression intent classifier with its weights laid out for
one message at a time.

scikit-learn keeps the weights as a (intents x features) C-ordered matrix and
multiplies a message's sparse features by its transpose. scipy then makes a
C-ordered copy of that whole matrix (about 100 intents x tens of thousands of
character n-grams) for every message, to use a few hundred of its rows. That
copy was the largest part of the classifier's time in the Rasa server
(bench/hotspots.py --service rasa). Stored column-major once, at load, the
transpose needs no copy. The model file and the predictions are unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class ColumnMajorLogisticRegressionClassifier(LogisticRegressionClassifier):
    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LogisticRegressionClassifier:
        component = super().load(config, model_storage, resource, execution_context, **kwargs)
        clf = getattr(component, "clf", None)
        if clf is not None and hasattr(clf, "coef_"):
            clf.coef_ = np.asfortranarray(clf.coef_)
        return component
