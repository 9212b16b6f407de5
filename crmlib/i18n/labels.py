"""The label catalogue: every word a reader sees in a figure or a table, in every language.

One entry per ``kind.key`` (``"value_segment.high"``, ``"column.spend"``, ``"fig.share"``), each
with a text per language. Category values the data module already names in Chinese (channels,
channel families, RF segments, credit symbols, the textbook's tiers) are taken from there, so
each name is written once. Adding a language means adding its column here, nothing else.
"""

from __future__ import annotations

from ..datasets.channels import FAMILIES, channel_table
from ..rfm import RF_SEGMENT_ZH
from ..tags import SYMBOL_ZH

LANGUAGES = ("zh", "en")

# kind -> {key: (zh, en)}
_TABLE: dict[str, dict[str, tuple[str, str]]] = {
    "value_segment": {
        "high": ("高价值客户", "high value"),
        "mid": ("中价值客户", "mid value"),
        "low": ("低价值客户", "low value"),
        "churn_risk": ("流失风险客户", "churn risk"),
        "no_purchase": ("未购买", "no purchase"),
    },
    "lifecycle": {
        "new": ("新客户", "new"),
        "active": ("活跃客户", "active"),
        "sleeping": ("沉睡客户", "sleeping"),
        "churned": ("流失客户", "churned"),
        "prospect": ("潜在客户", "prospect"),
    },
    "behaviour": {
        "impulse": ("冲动型", "impulse"),
        "comparison": ("理性对比型", "comparison"),
        "loyal_repeat": ("忠诚复购型", "loyal repeat"),
        "no_purchase": ("未购买", "no purchase"),
    },
    "customer_type": {
        "loyalist": ("忠诚型客户", "loyalist"),
        "mercenary": ("图利型客户", "mercenary"),
        "hostage": ("被困型客户", "hostage"),
        "defector": ("叛离型客户", "defector"),
    },
    "tier": {
        "ordinary": ("普通会员", "ordinary"),
        "silver": ("银卡会员", "silver"),
        "gold": ("金卡会员", "gold"),
        "diamond": ("钻石会员", "diamond"),
        "new": ("新入会", "new"),
        "lapsed": ("本期未活跃", "lapsed"),
    },
    "movement": {
        "upgrade": ("升级", "upgrade"),
        "stay": ("保级", "stay"),
        "downgrade": ("降级", "downgrade"),
        "lapse": ("本期未活跃", "lapse"),
    },
    "status": {
        "completed": ("交易成功", "completed"),
        "in_progress": ("已付款未完成", "in progress"),
        "refunded": ("已退款", "refunded"),
        "closed": ("交易关闭", "closed"),
    },
    "service_kind": {
        "pre_sale": ("售前咨询", "pre-sale inquiry"),
        "return": ("退货", "return"),
        "complaint": ("投诉", "complaint"),
    },
    "column": {
        "customer_id": ("客户编号", "customer id"),
        "nickname": ("昵称", "nickname"),
        "phone": ("手机号", "phone"),
        "gender": ("性别", "gender"),
        "age_band": ("年龄段", "age band"),
        "region": ("地区", "region"),
        "signup_date": ("注册日期", "sign-up date"),
        "birthday": ("生日", "birthday"),
        "acquisition_channel": ("来源渠道", "acquisition channel"),
        "channel": ("渠道", "channel"),
        "family": ("渠道大类", "channel family"),
        "channel_family": ("渠道大类", "channel family"),
        "credit_points": ("信用积分", "credit points"),
        "vip88": ("88VIP", "88VIP"),
        "community_member": ("已加入客户群", "community member"),
        "marketing_consent": ("同意接收营销信息", "marketing consent"),
        "first_purchase": ("首次购买时间", "first purchase"),
        "last_purchase": ("最近购买时间", "last purchase"),
        "orders": ("成交订单数", "orders"),
        "refunded_orders": ("退款订单数", "refunded orders"),
        "closed_orders": ("关闭订单数", "closed orders"),
        "spend": ("消费金额(元)", "spend (CNY)"),
        "promo_share": ("用券/折扣订单占比", "promo share"),
        "orders_12m": ("近12个月订单数", "orders, 12 months"),
        "spend_12m": ("近12个月消费(元)", "spend, 12 months (CNY)"),
        "aov": ("客单价(元)", "average order value (CNY)"),
        "days_since_last": ("距最近购买天数", "days since last purchase"),
        "days_since_first": ("距首次购买天数", "days since first purchase"),
        "birthday_in_days": ("距生日天数", "days to birthday"),
        "inquiries": ("咨询次数", "inquiries"),
        "returns": ("退货次数", "returns"),
        "complaints": ("投诉次数", "complaints"),
        "reviews": ("评价数", "reviews"),
        "photo_reviews": ("带图评价数", "photo reviews"),
        "mean_rating": ("平均评分", "mean rating"),
        "value_segment": ("价值分层", "value segment"),
        "lifecycle": ("生命周期阶段", "lifecycle stage"),
        "behaviour": ("行为类型", "behaviour type"),
        "rf_segment": ("RF分群", "RF segment"),
        "cn8_class": ("RFM八类客户", "RFM 8-class"),
        "customer_type": ("客户类型", "customer type"),
        "tier": ("会员等级", "tier"),
        "next_tier": ("下一等级", "next tier"),
        "points_needed": ("还差成长值", "points needed"),
        "members": ("会员人数", "members"),
        "share": ("占比", "share"),
        "revenue_12m": ("近12个月营收(元)", "revenue, 12 months (CNY)"),
        "repurchase_rate": ("复购率", "repurchase rate"),
        "benefit_cost": ("权益成本(元)", "benefit cost (CNY)"),
        "cost_share_of_revenue": ("权益成本占营收比", "cost share of revenue"),
        "visitors": ("访客数", "visitors"),
        "new_buyers": ("新成交客户数", "new buyers"),
        "repeat_buyers": ("复购客户数", "repeat buyers"),
        "conversion": ("转化率", "conversion"),
        "cac": ("获客成本(元)", "CAC (CNY)"),
        "first_order_value": ("首单金额(元)", "first order value (CNY)"),
        "first_order_coupon": ("首单用券占比", "first orders with a coupon"),
        "repurchase_90d": ("90天复购率", "repurchase within 90 days"),
        "eligible_90d": ("可计算90天复购的客户数", "eligible, 90 days"),
        "repurchase_365d": ("365天复购率", "repurchase within 365 days"),
        "eligible_365d": ("可计算365天复购的客户数", "eligible, 365 days"),
        "revenue_per_buyer": ("人均营收(元)", "revenue per buyer (CNY)"),
        "roi": ("投资回报率(ROI)", "ROI"),
        "respondents": ("答卷人数", "respondents"),
        "csat": ("CSAT满意率", "CSAT"),
        "nps": ("NPS净推荐值", "NPS"),
        "nps_low": ("NPS下限", "NPS low"),
        "nps_high": ("NPS上限", "NPS high"),
        "p_alive": ("存活概率", "P(alive)"),
        "expected_purchases": ("预计购买次数", "expected purchases"),
        "clv": ("客户终身价值CLV(元)", "CLV (CNY)"),
        "frequency": ("复购次数(frequency)", "frequency"),
        "recency": ("recency", "recency"),
        "monetary": ("消费金额(monetary)", "monetary"),
        "R": ("R", "R"),
        "F": ("F", "F"),
        "M": ("M", "M"),
        "customers": ("客户数", "customers"),
        "actual": ("实际", "actual"),
        "predicted": ("预测", "predicted"),
        "model": ("模型", "model"),
        "from": ("上一周期", "from"),
        "to": ("本周期", "to"),
        "group": ("分组", "group"),
    },
    "fig": {
        "share_of_customers": ("客户占比(%)", "share of customers (%)"),
        "tier_distribution": ("会员等级分布", "Tier distribution"),
        "count": ("人数", "count"),
        "days": ("天数", "days"),
        "date": ("日期", "date"),
    },
    "ui": {
        "thresholds": ("等级门槛(成长值)", "Thresholds (growth value)"),
        "discounts_and_rules": ("折扣与规则", "Discounts and rules"),
        "rolling_12m": ("近12个月", "12-month"),
        "cumulative": ("累计", "cumulative"),
        "price_multiplier": ("价格系数", "price ×"),
        "qualifies_by": ("定级规则", "qualifies by"),
        "rule_rolling": ("近12个月成长值(教材)", "last 12 months (textbook)"),
        "rule_either": ("近12个月或累计", "12 months or cumulative"),
        "near_miss_band": ("临界区间", "near-miss band"),
        "near_miss_customers": ("临界客户", "near-miss customers"),
        "revenue_and_cost": (
            "各等级营收与权益成本(近12个月)",
            "Revenue and cost per tier (last 12 months)",
        ),
        "migration": ("最近两个周期之间的等级迁移", "Migration between the last two cycles"),
        "not_updated": (
            "下面的图表没有更新：仍显示上一个有效方案。请先修正上面的设置。",
            "The figures below are NOT updated: they still show the last valid policy. Fix the setting above.",
        ),
        "page_title": ("会员等级方案模拟器", "Membership tier explorer"),
    },
}


def _derived() -> dict[str, dict[str, tuple[str, str]]]:
    """Category names the data modules already hold in Chinese, with their English names."""
    channels = channel_table()
    return {
        "channel": {
            row.channel: (row.name_zh, row.channel.replace("_", " "))
            for row in channels.itertuples()
        },
        "family": {key: (zh, key.replace("_", " ")) for key, zh in FAMILIES.items()},
        "rf_segment": {
            key: (zh, key.replace("_", " ").replace("cant", "can't"))
            for key, zh in RF_SEGMENT_ZH.items()
        },
        "credit_symbol": {key: (zh, key.replace("_", " ")) for key, zh in SYMBOL_ZH.items()},
    }


def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """``{kind: {key: {language: text}}}`` for every label."""
    merged = {**_TABLE, **_derived()}
    return {
        kind: {key: dict(zip(LANGUAGES, texts, strict=True)) for key, texts in entries.items()}
        for kind, entries in merged.items()
    }
