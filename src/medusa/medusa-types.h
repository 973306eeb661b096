/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "medusa-address.h"
#include "medusa-country.h"
#include "medusa-customer.h"
#include "medusa-fulfillment.h"
#include "medusa-line-item.h"
#include "medusa-order.h"
#include "medusa-order-page.h"
#include "medusa-refund.h"
#include "medusa-region.h"
#include "medusa-shipping-method.h"
#include "medusa-tracking-link.h"
