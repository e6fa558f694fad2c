"""The one fitter every learned part uses: scikit-learn's logistic regression over feature dicts."""

from __future__ import annotations

from typing import Any

from ..errors import InputError


def logistic_regression(rows: list[dict[str, float]], labels: list[int], c: float = 1.0,
                        tol: float = 1e-4) -> tuple[list[str], Any, Any]:
    """Fit a (binary or multinomial) logistic regression.

    Args:
        rows: One feature dict per example (the feature ``bias`` is left to the intercept).
        labels: Each example's class.
        c: The inverse of the L2 penalty's strength (scikit-learn's ``C``).
        tol: The solver's stopping tolerance.

    Returns:
        The feature names in sorted order, the coefficients (one row per class present, in
        sorted class order; one row for two classes) and the intercepts.

    Raises:
        InputError: scikit-learn (the ``[train]`` extra) is not installed.

    Notes:
        ``LogisticRegression`` with L-BFGS, which leaves the intercept unpenalised, from zero;
        ``DictVectorizer(sort=True)`` orders the features, so the result depends on the
        examples alone.
    """
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:
        raise InputError("training needs scikit-learn", "pip install 'quotes[train]'") from e
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{k: v for k, v in r.items() if k != "bias"} for r in rows])
    lr = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=tol)
    lr.fit(x, labels)
    return [str(k) for k in vec.get_feature_names_out()], lr.coef_, lr.intercept_
