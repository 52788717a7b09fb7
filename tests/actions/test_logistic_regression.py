"""bot/logistic_regression.py: loaded weights are column-major, and the
classifier ranks intents exactly as Rasa's own does."""

import numpy as np
import scipy.sparse as sp
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.logistic_regression import ColumnMajorLogisticRegressionClassifier

FEATURES = 50


def _message(number: int, intent: str | None = None) -> Message:
    message = Message(data={TEXT: f"vraag {number}", **({INTENT: intent} if intent else {})})
    vector = np.random.default_rng(number).random((1, FEATURES)) * (np.arange(FEATURES) % 5 == number % 5)
    message.add_features(Features(sp.csr_matrix(vector), FEATURE_TYPE_SENTENCE, TEXT, "test"))
    return message


def test_loaded_weights_are_column_major_and_rank_as_rasas_classifier(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("lr")
    context = ExecutionContext(GraphSchema({}), node_name="lr")
    config = {**LogisticRegressionClassifier.get_default_config(), "ranking_length": 0}
    examples = [_message(n, f"intent_{n % 5}") for n in range(60)]
    trainer = ColumnMajorLogisticRegressionClassifier.create(config, storage, resource, context)
    trainer.train(TrainingData(examples))

    ours = ColumnMajorLogisticRegressionClassifier.load(config, storage, resource, context)
    rasas = LogisticRegressionClassifier.load(config, storage, resource, context)
    assert ours.clf.coef_.T.flags.c_contiguous  # no copy when multiplied by a message's features
    assert not rasas.clf.coef_.T.flags.c_contiguous

    questions = [_message(n) for n in range(100, 110)]
    ours.process(questions)
    expected = [rasas.process([_message(n)])[0].get("intent_ranking") for n in range(100, 110)]
    assert [q.get("intent_ranking") for q in questions] == expected
